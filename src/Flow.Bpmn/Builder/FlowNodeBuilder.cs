using System.Collections.Generic;
using System.Linq;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Builder;

/// <summary>
/// The builder of one flow node (Camunda's AbstractFlowNodeBuilder): adds the next node with a
/// sequence flow from this one, connects to or moves to existing nodes, and finishes the model.
/// Settings common to every node (name, extension attributes) are the generic extension methods
/// of <see cref="FlowNodeBuilderExtensions"/>, so they return the builder's own type.
/// </summary>
public abstract class FlowNodeBuilder
{
    internal FlowNodeBuilder(BuilderContext context, BpmnFlowNode node)
    {
        Context = context;
        Node = node;
    }

    /// <summary>The node this builder adds to.</summary>
    public BpmnFlowNode Node { get; }

    internal BuilderContext Context { get; }

    internal IBpmnScope Scope => Context.ScopeOf(Node);

    // --- the next node, connected by a sequence flow from this one ---------------------------

    public EndEventBuilder EndEvent(string? id = null) => new(Context, Next(BpmnNodeKind.EndEvent, id, "EndEvent"));

    public IntermediateCatchEventBuilder IntermediateCatchEvent(string? id = null) => new(Context, Next(BpmnNodeKind.IntermediateCatchEvent, id, "Event"));

    public IntermediateThrowEventBuilder IntermediateThrowEvent(string? id = null) => new(Context, Next(BpmnNodeKind.IntermediateThrowEvent, id, "Event"));

    public TaskBuilder Task(string? id = null) => new(Context, Next(BpmnNodeKind.Task, id, "Activity"));

    public TaskBuilder UserTask(string? id = null) => new(Context, Next(BpmnNodeKind.UserTask, id, "Activity"));

    public TaskBuilder ServiceTask(string? id = null) => new(Context, Next(BpmnNodeKind.ServiceTask, id, "Activity"));

    public TaskBuilder SendTask(string? id = null) => new(Context, Next(BpmnNodeKind.SendTask, id, "Activity"));

    public TaskBuilder ReceiveTask(string? id = null) => new(Context, Next(BpmnNodeKind.ReceiveTask, id, "Activity"));

    public TaskBuilder ManualTask(string? id = null) => new(Context, Next(BpmnNodeKind.ManualTask, id, "Activity"));

    public TaskBuilder BusinessRuleTask(string? id = null) => new(Context, Next(BpmnNodeKind.BusinessRuleTask, id, "Activity"));

    public ScriptTaskBuilder ScriptTask(string? id = null) => new(Context, Next(BpmnNodeKind.ScriptTask, id, "Activity"));

    public CallActivityBuilder CallActivity(string? id = null) => new(Context, Next(BpmnNodeKind.CallActivity, id, "Activity"));

    public SubProcessBuilder SubProcess(string? id = null) => new(Context, Next(BpmnNodeKind.SubProcess, id, "Activity"));

    /// <summary>A transaction: a sub-process a cancel end event inside can cancel (build its content with EmbeddedSubProcess()).</summary>
    public SubProcessBuilder Transaction(string? id = null) => new(Context, Next(BpmnNodeKind.Transaction, id, "Activity"));

    public GatewayBuilder ExclusiveGateway(string? id = null) => new(Context, Next(BpmnNodeKind.ExclusiveGateway, id, "Gateway"));

    public GatewayBuilder InclusiveGateway(string? id = null) => new(Context, Next(BpmnNodeKind.InclusiveGateway, id, "Gateway"));

    public GatewayBuilder ParallelGateway(string? id = null) => new(Context, Next(BpmnNodeKind.ParallelGateway, id, "Gateway"));

    public GatewayBuilder EventBasedGateway(string? id = null) => new(Context, Next(BpmnNodeKind.EventBasedGateway, id, "Gateway"));

    // --- settings for the next sequence flow ------------------------------------------------

    /// <summary>The next sequence flow from this node gets the condition (C#, or JUEL-style <c>${…}</c>) and, when given, the name.</summary>
    public FlowNodeBuilder Condition(string? name, string expression)
    {
        if (string.IsNullOrEmpty(expression))
        {
            throw new BpmnModelException(BpmnErrors.MissingArgument, $"The condition of the next flow from '{Node.Id}' is empty.");
        }

        Context.NextFlowName = name;
        Context.NextCondition = expression;
        return this;
    }

    /// <summary>The next sequence flow from this node is its default flow (taken when no condition holds); optionally named.</summary>
    public FlowNodeBuilder DefaultFlow(string? name = null)
    {
        Context.NextIsDefault = true;
        Context.NextFlowName = name ?? Context.NextFlowName;
        return this;
    }

    /// <summary>The id of the next sequence flow from this node (Camunda's sequenceFlowId).</summary>
    public FlowNodeBuilder SequenceFlowId(string id)
    {
        Context.NextFlowId = BpmnIds.Validate(id);
        return this;
    }

    // --- existing nodes ---------------------------------------------------------------------

    /// <summary>A sequence flow from this node to the existing node <paramref name="id"/> (same scope); continues at that node (Camunda's connectTo).</summary>
    public FlowNodeBuilder Connect(string id)
    {
        var target = Context.FindNode(id);
        Context.EnsureNoCompensationStart($"Connect(\"{id}\")");
        CheckCanLeave();
        if (target.IsForCompensation)
        {
            throw new BpmnModelException(BpmnErrors.FlowOfCompensationHandler, $"'{target.Id}' is a compensation handler: no sequence flow enters it (compensation runs it).");
        }

        Context.Connect(Scope, Node, target);
        return For(Context, target);
    }

    /// <summary>Camunda's name for <see cref="Connect"/>.</summary>
    public FlowNodeBuilder ConnectTo(string id) => Connect(id);

    /// <summary>Continues at the existing node <paramref name="id"/>, without a flow.</summary>
    public FlowNodeBuilder MoveToNode(string id)
    {
        Context.EnsureNoNextFlowSettings($"MoveToNode(\"{id}\")");
        return For(Context, Context.FindNode(id));
    }

    /// <summary>Continues at the existing activity <paramref name="id"/> (to attach boundary events to it, or to go on from it).</summary>
    public ActivityBuilder MoveToActivity(string id)
    {
        Context.EnsureNoNextFlowSettings($"MoveToActivity(\"{id}\")");
        var node = Context.FindNode(id);
        return For(Context, node) as ActivityBuilder
            ?? throw new BpmnModelException(BpmnErrors.WrongKind, $"'{id}' is a {node.Kind.ElementName()}, not an activity.");
    }

    /// <summary>Continues at the nearest gateway before this node, following incoming flows back (a boundary event continues from its host).</summary>
    public GatewayBuilder MoveToLastGateway()
    {
        Context.EnsureNoNextFlowSettings("MoveToLastGateway()");
        var visited = new HashSet<string>(System.StringComparer.Ordinal);
        var current = Node;
        while (visited.Add(current.Id))
        {
            var scope = Context.ScopeOf(current);
            string? previous = current.Kind == BpmnNodeKind.BoundaryEvent
                ? current.AttachedToRef
                : scope.SequenceFlows.FirstOrDefault(f => f.TargetRef == current.Id)?.SourceRef;
            if (previous is null || scope.FlowNodes.FirstOrDefault(n => n.Id == previous) is not { } node)
            {
                break;
            }

            if (node.Kind.IsGateway())
            {
                return new GatewayBuilder(Context, node);
            }

            current = node;
        }

        throw new BpmnModelException(BpmnErrors.NoGateway, $"No gateway precedes '{Node.Id}'.");
    }

    /// <summary>Adds an event sub-process to the scope of this node (no flow); build its content with StartEvent().</summary>
    public EmbeddedSubProcessBuilder EventSubProcess(string? id = null)
    {
        var node = new BpmnFlowNode(Context.TakeId(id, "Activity"), BpmnNodeKind.SubProcess) { TriggeredByEvent = true };
        Scope.FlowNodes.Add(node);
        return new EmbeddedSubProcessBuilder(Context, node);
    }

    /// <summary>Inside a sub-process: continues at the sub-process itself (to go on after it).</summary>
    public SubProcessBuilder SubProcessDone()
    {
        Context.EnsureNoNextFlowSettings("SubProcessDone()");
        return Scope is BpmnFlowNode container
            ? new SubProcessBuilder(Context, container)
            : throw new BpmnModelException(BpmnErrors.NotInSubProcess, $"'{Node.Id}' is not inside a sub-process; SubProcessDone() has nothing to return to.");
    }

    /// <summary>The finished model (Camunda's done()); its references are checked.</summary>
    public BpmnDefinitions Done()
    {
        Context.EnsureNoNextFlowSettings("Done()");
        BpmnModelChecks.CheckReferences(Context.Definitions);
        return Context.Definitions;
    }

    // --- plumbing ---------------------------------------------------------------------------

    /// <summary>From a compensation handler: back at the activity whose compensation boundary event it handles (Camunda's compensationDone()).</summary>
    public ActivityBuilder CompensationDone()
    {
        Context.EnsureNoNextFlowSettings("CompensationDone()");
        var scope = Scope;
        var boundary = scope.Associations.Where(a => a.TargetRef == Node.Id || a.SourceRef == Node.Id)
            .Select(a => scope.FlowNodes.FirstOrDefault(n => n.Kind == BpmnNodeKind.BoundaryEvent && (n.Id == a.SourceRef || n.Id == a.TargetRef)))
            .FirstOrDefault(n => n is not null);
        if (!Node.IsForCompensation || boundary?.AttachedToRef is not { } host)
        {
            throw new BpmnModelException(BpmnErrors.NotInCompensation, $"'{Node.Id}' is no compensation handler associated with a boundary event; CompensationDone() has nothing to return to.");
        }

        return MoveToActivity(host);
    }

    private protected BpmnFlowNode Next(BpmnNodeKind kind, string? id, string prefix)
    {
        if (Context.CompensationBoundary is { } boundary && boundary == Node)
        {
            return NextHandler(boundary, kind, id, prefix);
        }

        CheckCanLeave();
        var node = new BpmnFlowNode(Context.TakeId(id, prefix), kind);
        var scope = Scope;
        scope.FlowNodes.Add(node);
        Context.Connect(scope, Node, node);
        return node;
    }

    /// <summary>The compensation handler of the boundary event: an activity marked isForCompensation, linked by an association, without flows.</summary>
    private BpmnFlowNode NextHandler(BpmnFlowNode boundary, BpmnNodeKind kind, string? id, string prefix)
    {
        if (!kind.IsActivity())
        {
            throw new BpmnModelException(BpmnErrors.UnusedCompensationStart, $"CompensationStart() on '{boundary.Id}' must be followed by its handler activity, not a {kind.ElementName()}.");
        }

        Context.CompensationBoundary = null;
        var handler = new BpmnFlowNode(Context.TakeId(id, prefix), kind) { IsForCompensation = true };
        var scope = Scope;
        scope.FlowNodes.Add(handler);
        scope.Associations.Add(new BpmnAssociation(Context.TakeId(null, "Association"), boundary.Id, handler.Id));
        return handler;
    }

    private void CheckCanLeave()
    {
        if (Node.IsForCompensation)
        {
            throw new BpmnModelException(BpmnErrors.FlowOfCompensationHandler, $"'{Node.Id}' is a compensation handler: no sequence flow leaves it. Use CompensationDone() to go back to the compensated activity.");
        }

        if (Node.Kind == BpmnNodeKind.BoundaryEvent && Node.EventDefinition?.Kind == BpmnEventDefinitionKind.Compensate)
        {
            throw new BpmnModelException(BpmnErrors.NotACompensationStart, $"'{Node.Id}' is a compensation boundary event: no sequence flow leaves it; add its handler after CompensationStart().");
        }

        var reason = Node.Kind == BpmnNodeKind.EndEvent ? "an end event"
            : Node.TriggeredByEvent ? "an event sub-process"
            : Node.Kind == BpmnNodeKind.IntermediateThrowEvent && Node.EventDefinition?.Kind == BpmnEventDefinitionKind.Link ? "a link throw event (it jumps to its catch)"
            : null;
        if (reason is not null)
        {
            throw new BpmnModelException(BpmnErrors.NoOutgoingFlow, $"'{Node.Id}' is {reason}: no sequence flow leaves it. Use MoveToNode or MoveToLastGateway to go on elsewhere.");
        }
    }

    internal static FlowNodeBuilder For(BuilderContext context, BpmnFlowNode node) => node.Kind switch
    {
        BpmnNodeKind.StartEvent => new StartEventBuilder(context, node),
        BpmnNodeKind.EndEvent => new EndEventBuilder(context, node),
        BpmnNodeKind.IntermediateCatchEvent => new IntermediateCatchEventBuilder(context, node),
        BpmnNodeKind.IntermediateThrowEvent => new IntermediateThrowEventBuilder(context, node),
        BpmnNodeKind.BoundaryEvent => new BoundaryEventBuilder(context, node),
        BpmnNodeKind.ScriptTask => new ScriptTaskBuilder(context, node),
        BpmnNodeKind.CallActivity => new CallActivityBuilder(context, node),
        _ when node.Kind.IsContainer() => new SubProcessBuilder(context, node),
        _ when node.Kind.IsGateway() => new GatewayBuilder(context, node),
        _ => new TaskBuilder(context, node),
    };
}
