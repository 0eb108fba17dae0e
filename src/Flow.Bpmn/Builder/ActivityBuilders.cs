using Flow.Bpmn.Model;

namespace Flow.Bpmn.Builder;

/// <summary>An activity: boundary events can be attached to it.</summary>
public class ActivityBuilder : FlowNodeBuilder
{
    internal ActivityBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>A boundary event on this activity (interrupting unless <c>CancelActivity(false)</c>); give it an event definition, then the flow that leaves it.</summary>
    public BoundaryEventBuilder BoundaryEvent(string? id = null)
    {
        Context.EnsureNoNextFlowSettings("BoundaryEvent()");
        var boundary = new BpmnFlowNode(Context.TakeId(id, "Event"), BpmnNodeKind.BoundaryEvent) { AttachedToRef = Node.Id };
        Scope.FlowNodes.Add(boundary);
        return new BoundaryEventBuilder(Context, boundary);
    }
}

/// <summary>A task, user, service, send, receive, manual or business rule task.</summary>
public sealed class TaskBuilder : ActivityBuilder
{
    internal TaskBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>Send and receive tasks: the message they send or receive (created with the name the first time).</summary>
    public TaskBuilder Message(string name)
    {
        if (Node.Kind is not (BpmnNodeKind.SendTask or BpmnNodeKind.ReceiveTask))
        {
            throw new BpmnModelException(BpmnErrors.WrongKind, $"'{Node.Id}' is a {Node.Kind.ElementName()}; only send and receive tasks have a message.");
        }

        Node.MessageRef = Context.RootElement(BpmnRootElementKind.Message, name).Id;
        return this;
    }
}

/// <summary>A script task.</summary>
public sealed class ScriptTaskBuilder : ActivityBuilder
{
    internal ScriptTaskBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>The script and its format (Flow.Compiler runs <c>csharp</c>).</summary>
    public ScriptTaskBuilder Script(string script, string format = "csharp")
    {
        Node.Script = script;
        Node.ScriptFormat = format;
        return this;
    }

    /// <summary>Camunda's name: the format.</summary>
    public ScriptTaskBuilder ScriptFormat(string format)
    {
        Node.ScriptFormat = format;
        return this;
    }

    /// <summary>Camunda's name: the script text.</summary>
    public ScriptTaskBuilder ScriptText(string script)
    {
        Node.Script = script;
        return this;
    }
}

/// <summary>A call activity.</summary>
public sealed class CallActivityBuilder : ActivityBuilder
{
    internal CallActivityBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>The key of the process it calls.</summary>
    public CallActivityBuilder CalledElement(string processKey)
    {
        Node.CalledElement = processKey;
        return this;
    }

    /// <summary><c>camunda:in source target</c>: the caller's variable to one of the called process.</summary>
    public CallActivityBuilder CamundaIn(string source, string target) =>
        Map(new BpmnCallMapping(BpmnCallMappingDirection.In) { Source = Required(source, "source"), Target = Required(target, "target") });

    /// <summary><c>camunda:in sourceExpression target</c>: an expression over the caller's data to a variable of the called process.</summary>
    public CallActivityBuilder CamundaInSourceExpression(string sourceExpression, string target) =>
        Map(new BpmnCallMapping(BpmnCallMappingDirection.In) { SourceExpression = Required(sourceExpression, "source expression"), Target = Required(target, "target") });

    /// <summary><c>camunda:in variables="all"</c> (with <c>local="true"</c> when asked).</summary>
    public CallActivityBuilder CamundaInAllVariables(bool local = false) =>
        Map(new BpmnCallMapping(BpmnCallMappingDirection.In) { AllVariables = true, Local = local });

    /// <summary><c>camunda:in businessKey</c> (Flow.Compiler warns FLOW1205: Flow instances have no business key).</summary>
    public CallActivityBuilder CamundaInBusinessKey(string businessKey) =>
        Map(new BpmnCallMapping(BpmnCallMappingDirection.In) { BusinessKey = Required(businessKey, "business key") });

    /// <summary><c>camunda:out source target</c>: a variable of the called process back to the caller's.</summary>
    public CallActivityBuilder CamundaOut(string source, string target) =>
        Map(new BpmnCallMapping(BpmnCallMappingDirection.Out) { Source = Required(source, "source"), Target = Required(target, "target") });

    /// <summary><c>camunda:out sourceExpression target</c>.</summary>
    public CallActivityBuilder CamundaOutSourceExpression(string sourceExpression, string target) =>
        Map(new BpmnCallMapping(BpmnCallMappingDirection.Out) { SourceExpression = Required(sourceExpression, "source expression"), Target = Required(target, "target") });

    /// <summary><c>camunda:out variables="all"</c> (with <c>local="true"</c> when asked).</summary>
    public CallActivityBuilder CamundaOutAllVariables(bool local = false) =>
        Map(new BpmnCallMapping(BpmnCallMappingDirection.Out) { AllVariables = true, Local = local });

    private CallActivityBuilder Map(BpmnCallMapping mapping)
    {
        Node.CallMappings.Add(mapping);
        return this;
    }

    private string Required(string value, string what) => IntermediateCatchEventBuilder.Required(value, $"{what} of a mapping of '{Node.Id}'");
}

/// <summary>A sub-process: build its content with <see cref="EmbeddedSubProcess"/>, go on after it with the next-node methods.</summary>
public sealed class SubProcessBuilder : ActivityBuilder
{
    internal SubProcessBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>The content of the sub-process: start with StartEvent(), end with SubProcessDone().</summary>
    public EmbeddedSubProcessBuilder EmbeddedSubProcess() => new(Context, Node);

    /// <summary>Makes it an event sub-process (<c>triggeredByEvent="true"</c>): no flows enter or leave it.</summary>
    public SubProcessBuilder TriggerByEvent()
    {
        if (Node.Kind != BpmnNodeKind.SubProcess)
        {
            throw new BpmnModelException(BpmnErrors.WrongKind, $"'{Node.Id}' is a {Node.Kind.ElementName()}; only a sub-process can be an event sub-process.");
        }

        if (Node.Loop is not null)
        {
            throw new BpmnModelException(BpmnErrors.LoopOnEventSubProcess, $"'{Node.Id}' loops; an event sub-process is started by its event and does not loop.");
        }

        if (Context.ScopeOf(Node).SequenceFlows.Exists(f => f.SourceRef == Node.Id || f.TargetRef == Node.Id))
        {
            throw new BpmnModelException(BpmnErrors.WrongKind, $"'{Node.Id}' has sequence flows; an event sub-process has none.");
        }

        Node.TriggeredByEvent = true;
        return this;
    }
}

/// <summary>The inside of a sub-process (Camunda's EmbeddedSubProcessBuilder).</summary>
public sealed class EmbeddedSubProcessBuilder
{
    private readonly BuilderContext _context;

    internal EmbeddedSubProcessBuilder(BuilderContext context, BpmnFlowNode subProcess)
    {
        _context = context;
        SubProcess = subProcess;
    }

    public BpmnFlowNode SubProcess { get; }

    /// <summary>A start event inside the sub-process (an event sub-process's start event carries its trigger).</summary>
    public StartEventBuilder StartEvent(string? id = null)
    {
        var node = new BpmnFlowNode(_context.TakeId(id, "StartEvent"), BpmnNodeKind.StartEvent);
        SubProcess.FlowNodes.Add(node);
        return new StartEventBuilder(_context, node);
    }

    /// <summary>An event sub-process inside this sub-process.</summary>
    public EmbeddedSubProcessBuilder EventSubProcess(string? id = null)
    {
        var node = new BpmnFlowNode(_context.TakeId(id, "Activity"), BpmnNodeKind.SubProcess) { TriggeredByEvent = true };
        SubProcess.FlowNodes.Add(node);
        return new EmbeddedSubProcessBuilder(_context, node);
    }

    /// <summary>Back at the sub-process.</summary>
    public SubProcessBuilder SubProcessDone() => new(_context, SubProcess);
}

/// <summary>A gateway.</summary>
public sealed class GatewayBuilder : FlowNodeBuilder
{
    internal GatewayBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }
}
