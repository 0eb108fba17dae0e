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
    }

    public static void Write(SourceWriter writer, ProcessClassPlan plan, EmitNames names, EquatableArray<Step> steps)
    {
        writer.Line("/// <inheritdoc/>")
            .Line("protected override bool HasStraightPath => true;")
            .Line()
            .Line("/// <inheritdoc/>")
            .OpenBlock("protected override async " + EmitNames.ValueTask + " RunStraightAsync(Instance instance, " + EmitNames.CancellationToken + " cancellationToken)")
            .Line("var data = instance.Data;")
            .Line("// The node being run, by index (~index inside a parallel branch or sub-process: no token to retry from).")
            .Line("// An int, not the id: a reference stored in the state machine costs a write barrier per step.")
            .Line("var at = 0;");
        var straight = new StraightLineWriter(writer, plan, names);
        if (straight._recordsPath)
        {
            writer.Line("ulong path = 0;");
        }

        writer.OpenBlock("try");
        straight.Steps(steps);
        writer.Line("Completed:")
            .Line(straight.End("global::Flow.InstanceStatus.Completed"))
            .CloseBlock()
            .OpenBlock("catch (global::System.OperationCanceledException exception)")
            .Line(straight.Fail())
            .Line("throw;")
            .CloseBlock()
            .OpenBlock("catch (global::System.Exception exception)")
            .Line(straight.Fail())
            .CloseBlock()
            .CloseBlock()
            .Line();
        if (straight._lazyTrace)
        {
            TraceReplayWriter.Write(writer, plan, steps, straight._layout);
        }
    }

    /// <summary>The call that ends the run: with the chosen path when the trace is replayed, else as recorded.</summary>
    private string End(string status, string? failure = null) =>
        (_lazyTrace ? "instance.EndStraight(" + (_recordsPath ? "path" : "0UL") + ", " : "instance.End(") + status + (failure is null ? "" : ", " + failure) + ");";

    /// <summary>The call that ends a run whose node <c>at</c> threw.</summary>
    private string Fail() => "instance.Failed(" + (_recordsPath ? "path" : "0UL") + ", at, exception);";

    private void Steps(IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case NodeStep s: Node(s.Node); break;
                case EndStep s: End(s); break;
                case ImplicitEndStep s: _writer.Line((s.SubProcess is { } sub ? "goto " + EndLabel(sub) : "goto Completed") + "; // implicit end: the node has no outgoing flow"); break;
                case ChoiceStep s: Choice(s); break;
                case ParallelStep s: Parallel(s); break;
                case SubProcessStep s: SubProcess(s); break;
            }
        }
    }

    private string Id(int node) => String(_plan.Nodes[node].Id);

    private void Took(int node)
    {
        if (!_lazyTrace)
        {
            _writer.Line("instance.TookNode(" + Id(node) + ");");
        }
    }

    private string Context(int node) => "new " + _names.Context + "(instance, " + Id(node) + ")";

    private void At(int node) =>
        _writer.Line("at = " + (_nested == 0 ? "" : "~") + node.ToString(CultureInfo.InvariantCulture) + "; // " + Id(node));

    private void Node(int node)
    {
        if (_handlers.TryGetValue(node, out var handler))
        {
            Before(node);
            _writer.Line("await " + handler.MethodName + "(" + Context(node) + ", cancellationToken).ConfigureAwait(false);");
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

    private void End(EndStep end)
    {
        Took(end.Node);
        var plan = _plan.Nodes[end.Node];
        if (plan.Event == EventDefinitionKind.Error)
        {
            _writer.Line(End("global::Flow.InstanceStatus.Failed", "new global::Flow.FailureState { NodeId = " + Id(end.Node) + ", Kind = \"BpmnError\", Message = " + String(plan.ErrorCode ?? plan.Id) + " }"))
                .Line("return;");
            return;
        }

        _writer.Line(end.SubProcess is { } sub ? "goto " + EndLabel(sub) + ";" : "goto Completed;");
    }

    private void Choice(ChoiceStep choice)
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
            Steps(branch.Steps);
            _writer.CloseBlock();
            first = false;
        }

        _writer.OpenBlock(first ? "" : "else");
        if (fallback is not null)
        {
            Chose(choice, fallback);
            Steps(fallback.Steps);
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

    private void Parallel(ParallelStep parallel)
    {
        Took(parallel.Fork);
        _nested++;
        foreach (var branch in parallel.Branches)
        {
            Steps(branch.Steps);
        }

        _nested--;
    }

    private void SubProcess(SubProcessStep sub)
    {
        Took(sub.Node);
        _writer.OpenBlock("");
        _nested++;
        Steps(sub.Body);
        _nested--;
        _writer.CloseBlock();
        _writer.Line(EndLabel(sub.Node) + ":;");
    }

    private string EndLabel(int node) => "End_" + _plan.Nodes[node].Identifier.TrimStart('@');
}
