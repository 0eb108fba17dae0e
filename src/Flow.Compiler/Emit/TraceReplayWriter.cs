using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;
using Flow.Compiler.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// The trace of a straight-line run, rebuilt from the branches it chose: the same walk over the
/// steps as <see cref="StraightLineWriter"/>, adding node ids instead of running handlers. A run
/// thus records one number instead of a list, and the list is made only when someone reads it.
/// Consecutive nodes go to the runtime's <c>ReplayTrace</c> in one call, a short list of ids.
/// </summary>
internal sealed class TraceReplayWriter
{
    private readonly SourceWriter _writer;
    private readonly ProcessClassPlan _plan;
    private readonly HashSet<int> _stopsBefore;
    private readonly ChoiceLayout _layout;

    /// <summary>Labels some goto jumps to; a label nothing jumps to is not written.</summary>
    private readonly HashSet<string> _jumpedTo = new(System.StringComparer.Ordinal);

    /// <summary>Nodes taken one after another, not yet written.</summary>
    private readonly List<int> _pending = new();

    /// <summary>Where a list of ids is wrapped, so a long run of nodes stays readable.</summary>
    private const int IdsPerLine = 6;

    /// <summary>Where running off the method's last statement goes: nowhere, so no return is needed there.</summary>
    private const string MethodEnd = "";

    private TraceReplayWriter(SourceWriter writer, ProcessClassPlan plan, ChoiceLayout layout)
    {
        _writer = writer;
        _plan = plan;
        _layout = layout;
        _stopsBefore = new HashSet<int>(plan.Handlers.Select(h => h.NodeIndex).Concat(plan.Scripts.Select(s => s.NodeIndex)));
    }

    public static void Write(SourceWriter writer, ProcessClassPlan plan, EquatableArray<Step> steps, ChoiceLayout layout)
    {
        writer.Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .OpenBlock("protected override void ReplayStraightTrace(ulong path, string? stoppedAt, global::System.Collections.Generic.List<string> trace)");
        var replay = new TraceReplayWriter(writer, plan, layout);
        replay.Steps(steps, MethodEnd);
        replay.Flush();
        writer.CloseBlock();
    }

    /// <summary>Writes <paramref name="steps"/>; running off their end reaches <paramref name="fallsTo"/> (null: more code follows).</summary>
    private void Steps(IReadOnlyList<Step> steps, string? fallsTo)
    {
        for (var index = 0; index < steps.Count; index++)
        {
            var next = index == steps.Count - 1 ? fallsTo : null;
            switch (steps[index])
            {
                case NodeStep s:
                    // ReplayTrace stops before the node the run stopped at: only a node that runs
                    // code can be that node (or a choice, written below), so any node may join the run.
                    Add(s.Node);
                    break;
                case EndStep s:
                    Add(s.Node);

                    // An error end stops the whole run, also inside a sub-process (as the run does).
                    JumpTo(s.SubProcess is { } sub && _plan.Nodes[s.Node].Event != EventDefinitionKind.Error ? EndLabel(sub) : MethodEnd, next);
                    break;
                case ImplicitEndStep s:
                    JumpTo(s.SubProcess is { } scope ? EndLabel(scope) : MethodEnd, next);
                    break;
                case ChoiceStep s:
                    // A choice is in the trace also when the run stopped at it (its conditions threw).
                    Flush();
                    _writer.Line("trace.Add(" + Id(s.Gateway) + ");")
                        .Line("if (stoppedAt == " + Id(s.Gateway) + ") return;")
                        .Line("var choice" + s.Gateway.ToString(CultureInfo.InvariantCulture) + " = (int)(path >> " + _layout.PositionOf(s.Gateway).ToString(CultureInfo.InvariantCulture) + ") & " + ((1 << ChoiceLayout.BitsPerChoice) - 1).ToString(CultureInfo.InvariantCulture) + ";");
                    for (var i = 0; i < s.Branches.Count; i++)
                    {
                        _writer.OpenBlock((i == 0 ? "if (choice" : "else if (choice") + s.Gateway.ToString(CultureInfo.InvariantCulture) + " == " + i.ToString(CultureInfo.InvariantCulture) + ")");
                        Steps(s.Branches[i].Steps, next);
                        Flush();
                        _writer.CloseBlock();
                    }

                    break;
                case ParallelStep s:
                    Add(s.Fork);
                    for (var b = 0; b < s.Branches.Count; b++)
                    {
                        Steps(s.Branches[b].Steps, b == s.Branches.Count - 1 ? next : null);
                    }

                    break;
                case SubProcessStep s:
                    Add(s.Node);
                    Flush();
                    _writer.OpenBlock("");
                    var label = EndLabel(s.Node);
                    Steps(s.Body, label);
                    Flush();
                    _writer.CloseBlock();
                    if (_jumpedTo.Contains(label))
                    {
                        _writer.Line(label + ":;");
                    }

                    break;
            }
        }
    }

    /// <summary>Writes the nodes taken since the last statement: one ReplayTrace call (a lone node that runs no code: one Add).</summary>
    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        if (_pending.Count == 1 && !_stopsBefore.Contains(_pending[0]))
        {
            _writer.Line("trace.Add(" + Id(_pending[0]) + ");");
        }
        else
        {
            var lines = new List<string>();
            for (var i = 0; i < _pending.Count; i += IdsPerLine)
            {
                lines.Add(string.Join(", ", _pending.Skip(i).Take(IdsPerLine).Select(Id)));
            }

            if (lines.Count == 1)
            {
                _writer.Line("if (ReplayTrace(trace, stoppedAt, " + lines[0] + ")) return;");
            }
            else
            {
                _writer.Line("if (ReplayTrace(trace, stoppedAt,");
                for (var i = 0; i < lines.Count; i++)
                {
                    _writer.Line("\t" + lines[i] + (i == lines.Count - 1 ? ")) return;" : ","));
                }
            }
        }

        _pending.Clear();
    }

    /// <summary>A jump to <paramref name="target"/> (a return at the method's end), unless running off the steps' end reaches it anyway.</summary>
    private void JumpTo(string target, string? fallsTo)
    {
        Flush();
        if (target != fallsTo)
        {
            _jumpedTo.Add(target);
            _writer.Line(target == MethodEnd ? "return;" : "goto " + target + ";");
        }
    }

    private void Add(int node) => _pending.Add(node);

    /// <summary>The id as a literal: the list reads as data, and is shorter than the NodeIds constants.</summary>
    private string Id(int node) => CSharpLiterals.String(_plan.Nodes[node].Id);

    private string EndLabel(int node) => "ReplayEnd_" + _plan.Nodes[node].Identifier.TrimStart('@');
}
