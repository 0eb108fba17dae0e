using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Compiler.Model;
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
    private readonly SourceWriter _writer;
    private readonly ProcessClassPlan _plan;
    private readonly HashSet<int> _stopsBefore;
    private readonly ChoiceLayout _layout;

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
            .OpenBlock("protected override void ReplayStraightTrace(ulong path, string? stoppedAt, global::System.Collections.Generic.List<string> trace)");
        new TraceReplayWriter(writer, plan, layout).Steps(steps);
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

                    // An error end stops the whole run, also inside a sub-process (as the run does).
                    _writer.Line(s.SubProcess is { } sub && _plan.Nodes[s.Node].Event != EventDefinitionKind.Error ? "goto " + EndLabel(sub) + ";" : "return;");
                    break;
                case ImplicitEndStep s:
                    _writer.Line(s.SubProcess is { } scope ? "goto " + EndLabel(scope) + ";" : "return;");
                    break;
                case ChoiceStep s:
                    Add(s.Gateway);
                    _writer.Line("if (stoppedAt == " + Id(s.Gateway) + ") return;")
                        .Line("var choice" + s.Gateway.ToString(CultureInfo.InvariantCulture) + " = (int)(path >> " + _layout.PositionOf(s.Gateway).ToString(CultureInfo.InvariantCulture) + ") & " + ((1 << ChoiceLayout.BitsPerChoice) - 1).ToString(CultureInfo.InvariantCulture) + ";");
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
}
