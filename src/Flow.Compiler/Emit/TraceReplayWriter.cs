using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Compiler.Planning;
using Flow.Compiler.Text;
using static Flow.Compiler.Emit.CSharpLiterals;

namespace Flow.Compiler.Emit;

/// <summary>
/// The trace of a straight-line run, rebuilt from the branches it chose: the same walk over the
/// steps as <see cref="StraightLineWriter"/>, adding node ids instead of running handlers. A run
/// thus records one number instead of a list, and the list is made only when someone reads it.
/// </summary>
internal sealed class TraceReplayWriter
{
    /// <summary>Bits per choice in the path, and so at most this many branches per choice.</summary>
    private const int BitsPerChoice = 4;

    private readonly SourceWriter _writer;
    private readonly ProcessClassPlan _plan;
    private readonly HashSet<int> _stopsBefore;

    private TraceReplayWriter(SourceWriter writer, ProcessClassPlan plan)
    {
        _writer = writer;
        _plan = plan;
        _stopsBefore = new HashSet<int>(plan.Handlers.Select(h => h.NodeIndex).Concat(plan.Scripts.Select(s => s.NodeIndex)));
    }

    /// <summary>Whether any path's choices fit in 64 bits (16 choices of at most 16 branches).</summary>
    public static bool CanReplay(EquatableArray<Step> steps) => Choices(steps).All(c => c.Branches.Count <= 1 << BitsPerChoice) && MaxDepth(steps) <= 64 / BitsPerChoice;

    public static bool HasChoices(EquatableArray<Step> steps) => Choices(steps).Any();

    public static void Write(SourceWriter writer, ProcessClassPlan plan, EquatableArray<Step> steps)
    {
        writer.Line("/// <inheritdoc/>")
            .OpenBlock("protected override void ReplayStraightTrace(ulong path, string? stoppedAt, global::System.Collections.Generic.List<string> trace)");
        new TraceReplayWriter(writer, plan).Steps(steps);
        writer.CloseBlock();
    }

    private void Steps(IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case NodeStep s:
                    if (_stopsBefore.Contains(s.Node))
                    {
                        _writer.Line("if (stoppedAt == " + Id(s.Node) + ") return;");
                    }

                    Add(s.Node);
                    break;
                case EndStep s:
                    Add(s.Node);
                    _writer.Line(s.SubProcess is { } sub ? "goto " + EndLabel(sub) + ";" : "return;");
                    break;
                case ChoiceStep s:
                    Add(s.Gateway);
                    _writer.Line("if (stoppedAt == " + Id(s.Gateway) + ") return;")
                        .Line("var choice" + s.Gateway.ToString(CultureInfo.InvariantCulture) + " = (int)(path & " + ((1 << BitsPerChoice) - 1).ToString(CultureInfo.InvariantCulture) + ");")
                        .Line("path >>= " + BitsPerChoice.ToString(CultureInfo.InvariantCulture) + ";");
                    for (var i = 0; i < s.Branches.Count; i++)
                    {
                        _writer.OpenBlock((i == 0 ? "if (choice" : "else if (choice") + s.Gateway.ToString(CultureInfo.InvariantCulture) + " == " + i.ToString(CultureInfo.InvariantCulture) + ")");
                        Steps(s.Branches[i].Steps);
                        _writer.CloseBlock();
                    }

                    break;
                case ParallelStep s:
                    Add(s.Fork);
                    foreach (var branch in s.Branches)
                    {
                        Steps(branch.Steps);
                    }

                    break;
                case SubProcessStep s:
                    Add(s.Node);
                    _writer.OpenBlock("");
                    Steps(s.Body);
                    _writer.CloseBlock().Line(EndLabel(s.Node) + ":;");
                    break;
            }
        }
    }

    private void Add(int node) => _writer.Line("trace.Add(" + Id(node) + ");");

    private string Id(int node) => String(_plan.Nodes[node].Id);

    private string EndLabel(int node) => "ReplayEnd_" + _plan.Nodes[node].Identifier.TrimStart('@');

    private static IEnumerable<ChoiceStep> Choices(IEnumerable<Step> steps) => steps.SelectMany(step => step switch
    {
        ChoiceStep c => new[] { c }.Concat(c.Branches.SelectMany(b => Choices(b.Steps))),
        ParallelStep p => p.Branches.SelectMany(b => Choices(b.Steps)),
        SubProcessStep s => Choices(s.Body),
        _ => Enumerable.Empty<ChoiceStep>(),
    });

    /// <summary>The most choices one run can pass.</summary>
    private static int MaxDepth(IEnumerable<Step> steps) => steps.Sum(step => step switch
    {
        ChoiceStep c => 1 + c.Branches.Max(b => MaxDepth(b.Steps)),
        ParallelStep p => p.Branches.Sum(b => MaxDepth(b.Steps)),
        SubProcessStep s => MaxDepth(s.Body),
        _ => 0,
    });
}
