using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;
using Flow.Compiler.Text;
using static Flow.Compiler.Emit.CSharpLiterals;

namespace Flow.Compiler.Emit;

/// <summary>
/// The straight-line method of a process without wait states: direct handler calls, if/else
/// for exclusive choices, parallel branches one after another, sub-processes inline. It takes
/// the same nodes in the same order as the token engine, without tokens.
/// </summary>
internal sealed class StraightLineWriter
{
    private readonly SourceWriter _writer;
    private readonly ProcessClassPlan _plan;
    private readonly EmitNames _names;
    private readonly Dictionary<int, HandlerPlan> _handlers;
    private readonly Dictionary<int, ScriptPlan> _scripts;
    private readonly Dictionary<int, ConditionPlan> _conditions;

    /// <summary>Inside a parallel branch or sub-process a failure leaves no single token to retry from.</summary>
    private int _nested;

    /// <summary>Record only the branches chosen (the trace is replayed on demand), or every node.</summary>
    private readonly bool _lazyTrace;

    /// <summary>Whether there is any choice to record.</summary>
    private readonly bool _recordsPath;

    /// <summary>Where each choice's branch number goes in the path.</summary>
    private readonly ChoiceLayout _layout;

    private readonly NodeIdReferences _ids;

    /// <summary>Labels some goto jumps to; a label nothing jumps to is not written.</summary>
    private readonly HashSet<string> _jumpedTo = new(System.StringComparer.Ordinal);

    private const string CompletedLabel = "Completed";

    private StraightLineWriter(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        _writer = writer;
        _plan = plan;
        _names = names;
        _handlers = plan.Handlers.ToDictionary(h => h.NodeIndex);
        _scripts = plan.Scripts.ToDictionary(s => s.NodeIndex);
        _conditions = plan.Conditions.ToDictionary(c => c.FlowIndex);
        _layout = ChoiceLayout.Of(plan.StraightLine!.Value);
        _lazyTrace = _layout.Fits;
        _recordsPath = _lazyTrace && _layout.HasChoices;
        _ids = new NodeIdReferences(plan);
    }

    public static void Write(SourceWriter writer, ProcessClassPlan plan, EmitNames names, EquatableArray<Step> steps)
    {
        writer.Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .Line("protected override bool HasStraightPath => true;")
            .Line()
            // Scoped to the generated methods below (no diagram text runs in them; conditions and
            // scripts are methods of the data type): an error end's return can leave code after it
            // unreachable, and a path that calls no handler has nothing to await.
            .Line("#pragma warning disable CS0162, CS1998 // unreachable code, async method without await")
            .Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .OpenBlock("protected override async " + EmitNames.ValueTask + "<global::Flow.RunOutcome> RunStraightAsync(" + names.Data + " data, Instance? instance, " + EmitNames.CancellationToken + " cancellationToken)")
            .Line("// The node being run, by index (~index inside a parallel branch or sub-process: no token to retry from).")
            .Line("// An int, not the id: a reference stored in the state machine costs a write barrier per step.")
            .Line("var at = 0;");
        var straight = new StraightLineWriter(writer, plan, names);
        if (straight._recordsPath)
        {
            writer.Line("ulong path = 0;");
        }

        writer.OpenBlock("try");
        straight.Steps(steps, CompletedLabel);
        if (straight._jumpedTo.Contains(CompletedLabel))
        {
            writer.Line(CompletedLabel + ":");
        }

        writer.Line(straight.End("global::Flow.InstanceStatus.Completed"))
            .CloseBlock()
            .OpenBlock("catch (global::System.OperationCanceledException exception)")
            .Line("instance?.Failed(" + straight.Path + ", at, exception);")
            .Line("throw;")
            .CloseBlock()
            .OpenBlock("catch (global::System.Exception exception)")
            .Line("return global::Flow.RunOutcome.Threw(" + straight.Path + ", at, exception);")
            .CloseBlock()
            .CloseBlock()
            .Line();
        if (straight._lazyTrace)
        {
            TraceReplayWriter.Write(writer, plan, steps, straight._layout);
        }

        writer.Line("#pragma warning restore CS0162, CS1998");
    }

    /// <summary>The branches chosen so far, as the outcome carries them.</summary>
    private string Path => _recordsPath ? "path" : "0UL";

    /// <summary>The statement that ends the run: its outcome, with the chosen path the trace is replayed from.</summary>
    private string End(string status, string? failure = null) =>
        "return global::Flow.RunOutcome.Ended(" + Path + ", " + status + (failure is null ? "" : ", " + failure) + ");";

    /// <summary>
    /// Writes <paramref name="steps"/>; <paramref name="fallsTo"/> is the label that running off
    /// their end reaches (null when more code follows), where an end needs no goto.
    /// </summary>
    private void Steps(IReadOnlyList<Step> steps, string? fallsTo)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var next = i == steps.Count - 1 ? fallsTo : null;
            switch (steps[i])
            {
                case NodeStep s: Node(s.Node); break;
                case EndStep s: End(s, next); break;
                case ImplicitEndStep s: ImplicitEnd(s, next); break;
                case ChoiceStep s: Choice(s, next); break;
                case ParallelStep s: Parallel(s, next); break;
                case SubProcessStep s: SubProcess(s); break;
            }
        }
    }

    private string Id(int node) => _ids.Of(node);

    private void Took(int node)
    {
        if (!_lazyTrace)
        {
            // Recorded node by node in the instance; a run without one keeps no trace.
            _writer.Line("instance?.TookNode(" + Id(node) + ");");
        }
    }

    private string Context(int node) => "new " + _names.Context + "(data, instance, " + Id(node) + ")";

    private void At(int node) =>
        _writer.Line("at = " + (_nested == 0 ? "" : "~") + node.ToString(CultureInfo.InvariantCulture) + "; // " + ElementComments.Node(_plan.Nodes[node]));

    private void Node(int node)
    {
        if (_handlers.TryGetValue(node, out var handler))
        {
            Before(node);
            _writer.Line("await " + handler.Call(Context(node)) + ".ConfigureAwait(false);");
        }
        else if (_scripts.TryGetValue(node, out var script))
        {
            Before(node);
            _writer.Line("data." + script.MethodName + "(" + Context(node) + ");");
        }

        Took(node);
    }

    /// <summary>Marks the node as the one running and sees cancellation before it runs code, where the token engine sees it.</summary>
    private void Before(int node)
    {
        At(node);
        _writer.Line("cancellationToken.ThrowIfCancellationRequested();");
    }

    private void End(EndStep end, string? fallsTo)
    {
        Took(end.Node);
        var plan = _plan.Nodes[end.Node];
        if (plan.Event == EventDefinitionKind.Error)
        {
            _writer.Line(End("global::Flow.InstanceStatus.Failed", "new global::Flow.FailureState { NodeId = " + Id(end.Node) + ", Kind = \"BpmnError\", Message = " + String(plan.ErrorCode ?? plan.Id) + " }"));
            return;
        }

        JumpTo(end.SubProcess is { } sub ? EndLabel(sub) : CompletedLabel, fallsTo);
    }

    /// <summary>A node without outgoing flow ends its token (BPMN's implicit end).</summary>
    private void ImplicitEnd(ImplicitEndStep end, string? fallsTo) =>
        JumpTo(end.SubProcess is { } sub ? EndLabel(sub) : CompletedLabel, fallsTo, " // implicit end: the node has no outgoing flow");

    /// <summary>A goto to <paramref name="target"/>, unless running off the steps' end reaches it anyway.</summary>
    private void JumpTo(string target, string? fallsTo, string comment = "")
    {
        if (target != fallsTo)
        {
            _jumpedTo.Add(target);
            _writer.Line("goto " + target + ";" + comment);
        }
    }

    private void Choice(ChoiceStep choice, string? fallsTo)
    {
        At(choice.Gateway);
        Took(choice.Gateway);
        var first = true;
        var fallback = choice.Branches.FirstOrDefault(b => b.IsDefault);
        foreach (var branch in choice.Branches.Where(b => !b.IsDefault))
        {
            var test = _conditions.TryGetValue(branch.Flow, out var condition) ? "data." + condition.MethodName + "()" : "true";
            _writer.OpenBlock((first ? "if (" : "else if (") + test + ")");
            Chose(choice, branch);
            Steps(branch.Steps, fallsTo);
            _writer.CloseBlock();
            first = false;
        }

        _writer.OpenBlock(first ? "" : "else");
        if (fallback is not null)
        {
            Chose(choice, fallback);
            Steps(fallback.Steps, fallsTo);
        }
        else
        {
            var id = _plan.Nodes[choice.Gateway].Id;
            _writer.Line("throw new global::Flow.FlowExecutionException(" + String(id) + ", " + String("No outgoing condition of '" + id + "' holds and it has no default flow.") + ");");
        }

        _writer.CloseBlock();
    }

    /// <summary>Records the branch taken (its index among the choice's branches) in the choice's field of the path; branch 0 is the zero the path starts with.</summary>
    private void Chose(ChoiceStep choice, Branch branch)
    {
        var index = (ulong)IndexOf(choice.Branches, branch);
        if (_lazyTrace && index > 0)
        {
            _writer.Line("path |= 0x" + (index << _layout.PositionOf(choice.Gateway)).ToString("X", CultureInfo.InvariantCulture) + "UL;");
        }
    }

    /// <summary>By identity: branches compare by value, deeply, so a value lookup per branch is quadratic.</summary>
    private static int IndexOf(EquatableArray<Branch> branches, Branch branch)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            if (ReferenceEquals(branches[i], branch))
            {
                return i;
            }
        }

        return -1;
    }

    private void Parallel(ParallelStep parallel, string? fallsTo)
    {
        _writer.Line("// " + ElementComments.Node(_plan.Nodes[parallel.Fork]) + ": its branches run one after another");
        Took(parallel.Fork);
        _nested++;
        for (var i = 0; i < parallel.Branches.Count; i++)
        {
            Steps(parallel.Branches[i].Steps, i == parallel.Branches.Count - 1 ? fallsTo : null);
        }

        _nested--;
    }

    private void SubProcess(SubProcessStep sub)
    {
        Took(sub.Node);
        _writer.Line("// " + ElementComments.Node(_plan.Nodes[sub.Node]) + ", inline")
            .OpenBlock("");
        _nested++;
        var label = EndLabel(sub.Node);
        Steps(sub.Body, label);
        _nested--;
        _writer.CloseBlock();
        if (_jumpedTo.Contains(label))
        {
            _writer.Line(label + ":;");
        }
    }

    private string EndLabel(int node) => "End_" + _plan.Nodes[node].Identifier.TrimStart('@');
}
