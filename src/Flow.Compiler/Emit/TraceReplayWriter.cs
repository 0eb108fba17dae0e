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
/// </summary>
internal sealed class TraceReplayWriter
{
    private readonly SourceWriter _writer;
    private readonly ProcessClassPlan _plan;
    private readonly HashSet<int> _stopsBefore;
    private readonly ChoiceLayout _layout;
    private readonly NodeIdReferences _ids;

    /// <summary>Labels some goto jumps to; a label nothing jumps to is not written.</summary>
    private readonly HashSet<string> _jumpedTo = new(System.StringComparer.Ordinal);

    /// <summary>Where running off the method's last statement goes: nowhere, so no return is needed there.</summary>
    private const string MethodEnd = "";

    private TraceReplayWriter(SourceWriter writer, ProcessClassPlan plan, ChoiceLayout layout)
    {
        _writer = writer;
        _plan = plan;
        _layout = layout;
        _ids = new NodeIdReferences(plan);
        _stopsBefore = new HashSet<int>(plan.Handlers.Select(h => h.NodeIndex).Concat(plan.Scripts.Select(s => s.NodeIndex)));
    }

    public static void Write(SourceWriter writer, ProcessClassPlan plan, EquatableArray<Step> steps, ChoiceLayout layout)
    {
        writer.Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .OpenBlock("protected override void ReplayStraightTrace(ulong path, string? stoppedAt, global::System.Collections.Generic.List<string> trace)");
        new TraceReplayWriter(writer, plan, layout).Steps(steps, MethodEnd);
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
                    if (_stopsBefore.Contains(s.Node))
                    {
                        _writer.Line("if (stoppedAt == " + Id(s.Node) + ") return;");
                    }

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
                    Add(s.Gateway);
                    _writer.Line("if (stoppedAt == " + Id(s.Gateway) + ") return;")
                        .Line("var choice" + s.Gateway.ToString(CultureInfo.InvariantCulture) + " = (int)(path >> " + _layout.PositionOf(s.Gateway).ToString(CultureInfo.InvariantCulture) + ") & " + ((1 << ChoiceLayout.BitsPerChoice) - 1).ToString(CultureInfo.InvariantCulture) + ";");
                    for (var i = 0; i < s.Branches.Count; i++)
                    {
                        _writer.OpenBlock((i == 0 ? "if (choice" : "else if (choice") + s.Gateway.ToString(CultureInfo.InvariantCulture) + " == " + i.ToString(CultureInfo.InvariantCulture) + ")");
                        Steps(s.Branches[i].Steps, next);
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
                    _writer.OpenBlock("");
                    var label = EndLabel(s.Node);
                    Steps(s.Body, label);
                    _writer.CloseBlock();
                    if (_jumpedTo.Contains(label))
                    {
                        _writer.Line(label + ":;");
                    }

                    break;
            }
        }
    }

    /// <summary>A jump to <paramref name="target"/> (a return at the method's end), unless running off the steps' end reaches it anyway.</summary>
    private void JumpTo(string target, string? fallsTo)
    {
        if (target != fallsTo)
        {
            _jumpedTo.Add(target);
            _writer.Line(target == MethodEnd ? "return;" : "goto " + target + ";");
        }
    }

    private void Add(int node) => _writer.Line("trace.Add(" + Id(node) + ");");

    private string Id(int node) => _ids.Of(node);

    private string EndLabel(int node) => "ReplayEnd_" + _plan.Nodes[node].Identifier.TrimStart('@');
}
