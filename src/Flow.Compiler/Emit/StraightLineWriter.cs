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
/// <remarks>
/// When the choices fit the path (nearly always) the method is synchronous (<c>RunStraight</c>):
/// a run whose handlers complete synchronously makes no async state machine, and a handler whose
/// task has not completed stops the run at its step; the runtime awaits the task and calls the
/// method again, which skips to that step (each choice taking the branch the path recorded).
/// Otherwise it is one async method that records the trace node by node (<c>RunStraightAsync</c>).
/// </remarks>
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

    /// <summary>Whether any handler is called, so the synchronous method can stop at a step and resume after it.</summary>
    private readonly bool _resumable;

    /// <summary>The last resume step numbered: one per handler call, in the order the code is written.</summary>
    private int _step;

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
        _resumable = _lazyTrace && CallsHandler(plan.StraightLine!.Value);
    }

    private bool CallsHandler(IEnumerable<Step> steps) => steps.Any(step => step switch
    {
        NodeStep s => _handlers.ContainsKey(s.Node),
        ChoiceStep s => s.Branches.Any(b => CallsHandler(b.Steps)),
        ParallelStep s => s.Branches.Any(b => CallsHandler(b.Steps)),
        SubProcessStep s => CallsHandler(s.Body),
        _ => false,
    });

    public static void Write(SourceWriter writer, ProcessClassPlan plan, EmitNames names, EquatableArray<Step> steps)
    {
        writer.Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .Line("protected override bool HasStraightPath => true;")
            .Line();
        var straight = new StraightLineWriter(writer, plan, names);
        if (straight._lazyTrace)
        {
            straight.WriteSynchronous(steps);
            TraceReplayWriter.Write(writer, plan, steps, straight._layout);
            writer.Line("#pragma warning restore CS0162");
        }
        else
        {
            straight.WriteAsync(steps);
            writer.Line("#pragma warning restore CS0162, CS1998");
        }
    }

    /// <summary>The synchronous method: it returns true when the run ended (the outcome in <c>run</c>), false when a handler's task is still running.</summary>
    private void WriteSynchronous(EquatableArray<Step> steps)
    {
        // Scoped to the generated methods below (no diagram text runs in them; conditions and
        // scripts are methods of the data type): an error end's return can leave code after it unreachable.
        _writer.Line("#pragma warning disable CS0162 // unreachable code")
            .Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .OpenBlock("protected override bool RunStraight(ref global::Flow.StraightRun run, " + _names.Data + " data, Instance? instance, " + EmitNames.CancellationToken + " cancellationToken)");
        if (_resumable)
        {
            _writer.Line("// Synchronous. A handler whose task has not completed stops the run at its step (return false);")
                .Line("// the base class awaits the task and calls again with run.Resume at that step: the steps before")
                .Line("// it are skipped, each choice taking the branch recorded in the path.")
                .Line("var resume = run.Resume;");
        }

        if (_recordsPath)
        {
            _writer.Line("var path = run.Path;");
        }

        _writer.Line("// The node being run, by index (~index inside a parallel branch or sub-process: no token to retry from).")
            .Line("var at = 0;");
        WriteBody(steps, "instance?.Failed(" + Path + ", at, exception);", "return run.Threw(" + Path + ", at, exception);");
    }

    /// <summary>The async method, which records the trace node by node (the choices do not fit the path).</summary>
    private void WriteAsync(EquatableArray<Step> steps)
    {
        // Scoped to the generated methods below (no diagram text runs in them; conditions and
        // scripts are methods of the data type): an error end's return can leave code after it
        // unreachable, and a path that calls no handler has nothing to await.
        _writer.Line("#pragma warning disable CS0162, CS1998 // unreachable code, async method without await")
            .Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .OpenBlock("protected override async " + EmitNames.ValueTask + "<global::Flow.RunOutcome> RunStraightAsync(" + _names.Data + " data, Instance? instance, " + EmitNames.CancellationToken + " cancellationToken)")
            .Line("// The node being run, by index (~index inside a parallel branch or sub-process: no token to retry from).")
            .Line("// An int, not the id: a reference stored in the state machine costs a write barrier per step.")
            .Line("var at = 0;");
        WriteBody(steps, "instance?.Failed(0UL, at, exception);", "return global::Flow.RunOutcome.Threw(0UL, at, exception);");
    }

    private void WriteBody(EquatableArray<Step> steps, string onCanceled, string onThrown)
    {
        _writer.OpenBlock("try");
        Steps(steps, CompletedLabel);
        if (_jumpedTo.Contains(CompletedLabel))
        {
            _writer.Line(CompletedLabel + ":");
        }

        _writer.Line(End("global::Flow.InstanceStatus.Completed"))
            .CloseBlock()
            .OpenBlock("catch (global::System.OperationCanceledException exception)")
            .Line(onCanceled)
            .Line("throw;")
            .CloseBlock()
            .OpenBlock("catch (global::System.Exception exception)")
            .Line(onThrown)
            .CloseBlock()
            .CloseBlock()
            .Line();
    }

    /// <summary>The branches chosen so far, as the outcome carries them.</summary>
    private string Path => _recordsPath ? "path" : "0UL";

    /// <summary>The statement that ends the run: its outcome, with the chosen path the trace is replayed from.</summary>
    private string End(string status, string? failure = null) =>
        "return " + (_lazyTrace ? "run" : "global::Flow.RunOutcome") + ".Ended(" + Path + ", " + status + (failure is null ? "" : ", " + failure) + ");";

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

    /// <summary>The context for a generated method's parameter, whose type names it (target-typed).</summary>
    private string ShortContext(int node) => "new(data, instance, " + Id(node) + ")";

    /// <summary>The step's <c>at</c>; with the node's kind and name as a comment unless <paramref name="named"/> (the next line names it: <c>NodeIds.Task_1</c>).</summary>
    private void At(int node, bool named = false) =>
        _writer.Line("at = " + (_nested == 0 ? "" : "~") + node.ToString(CultureInfo.InvariantCulture) + ";" + (named ? "" : " // " + ElementComments.Node(_plan.Nodes[node])));

    private void Node(int node)
    {
        if (_handlers.TryGetValue(node, out var handler))
        {
            if (_resumable)
            {
                var step = (++_step).ToString(CultureInfo.InvariantCulture);
                At(node, named: true);
                // One line per step (every build parses it): run.Runs skips the steps before the one
                // the run resumes at and sees cancellation before the handler runs.
                var context = ShortContext(node);
                _writer.Line("if (run.Runs(ref resume, " + step + ", cancellationToken) && run.Waits(" + step + ", at, " + Path + ", " + handler.Call(context) + ")) return false;");
            }
            else
            {
                Before(node);
                _writer.Line("await " + handler.Call(Context(node)) + ".ConfigureAwait(false);");
            }
        }
        else if (_scripts.TryGetValue(node, out var script))
        {
            if (_resumable)
            {
                At(node);
                _writer.Line("if (run.Runs(ref resume, 0, cancellationToken)) data." + script.MethodName + "(" + ShortContext(node) + ");");
            }
            else
            {
                Before(node);
                _writer.Line("data." + script.MethodName + "(" + Context(node) + ");");
            }
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
            if (_resumable)
            {
                // Resuming: the branch taken before the run stopped, not the condition again.
                test = "resume == 0 ? " + test + " : " + Taken(choice, branch);
            }

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

    /// <summary>Whether the path recorded <paramref name="branch"/> for <paramref name="choice"/>.</summary>
    private string Taken(ChoiceStep choice, Branch branch)
    {
        var position = _layout.PositionOf(choice.Gateway);
        var mask = ((1UL << ChoiceLayout.BitsPerChoice) - 1) << position;
        var value = (ulong)IndexOf(choice.Branches, branch) << position;
        return "(path & 0x" + mask.ToString("X", CultureInfo.InvariantCulture) + "UL) == 0x" + value.ToString("X", CultureInfo.InvariantCulture) + "UL";
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
