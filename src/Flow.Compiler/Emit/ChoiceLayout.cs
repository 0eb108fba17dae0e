using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Planning;
using Flow.Compiler.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// How a straight-line run records the branches it chose: one 4-bit field per exclusive choice,
/// at a bit position fixed when the code is generated. The run ORs in a constant (no shifting
/// at run time) and the trace replay reads each field where it was written. Choices that one
/// run cannot both pass (in different branches of an earlier choice) may share bits.
/// </summary>
internal sealed class ChoiceLayout
{
    /// <summary>Bits per choice, and so at most 16 branches per choice.</summary>
    public const int BitsPerChoice = 4;

    /// <summary>The instance keeps the path in the low 60 bits of one word (its status in the rest): 15 choices deep.</summary>
    private const int PathBits = 60;

    private readonly Dictionary<int, int> _positions;

    private ChoiceLayout(Dictionary<int, int> positions, bool fits)
    {
        _positions = positions;
        Fits = fits;
    }

    /// <summary>Whether every run's choices fit in the 60-bit path, each with at most 16 branches.</summary>
    public bool Fits { get; }

    /// <summary>Whether any choice is recorded at all.</summary>
    public bool HasChoices => _positions.Count > 0;

    /// <summary>Lays out the choices of a straight-line plan.</summary>
    public static ChoiceLayout Of(EquatableArray<Step> steps)
    {
        var positions = new Dictionary<int, int>();
        var width = Place(steps, 0, positions);
        return new ChoiceLayout(positions, width <= PathBits && Choices(steps).All(c => c.Branches.Count <= 1 << BitsPerChoice));
    }

    /// <summary>The first bit of the gateway's field.</summary>
    public int PositionOf(int gateway) => _positions[gateway];

    /// <summary>Places the choices of <paramref name="steps"/> from bit <paramref name="at"/>; returns the first bit after them.</summary>
    private static int Place(IEnumerable<Step> steps, int at, Dictionary<int, int> positions)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case ChoiceStep choice:
                    positions[choice.Gateway] = at;
                    var inner = at + BitsPerChoice;
                    at = choice.Branches.Aggregate(inner, (end, branch) => Math.Max(end, Place(branch.Steps, inner, positions)));
                    break;
                case ParallelStep parallel:
                    at = parallel.Branches.Aggregate(at, (next, branch) => Place(branch.Steps, next, positions));
                    break;
                case SubProcessStep sub:
                    at = Place(sub.Body, at, positions);
                    break;
            }
        }

        return at;
    }

    private static IEnumerable<ChoiceStep> Choices(IEnumerable<Step> steps) => steps.SelectMany(step => step switch
    {
        ChoiceStep c => new[] { c }.Concat(c.Branches.SelectMany(b => Choices(b.Steps))),
        ParallelStep p => p.Branches.SelectMany(b => Choices(b.Steps)),
        SubProcessStep s => Choices(s.Body),
        _ => Enumerable.Empty<ChoiceStep>(),
    });
}
