namespace Flow.Compiler.Model;

/// <summary>Every flow node kind of BPMN 2.0, including those we cannot run yet.</summary>
public enum FlowNodeKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    Task,
    ServiceTask,
    SendTask,
    ReceiveTask,
    UserTask,
    ManualTask,
    BusinessRuleTask,
    ScriptTask,
    CallActivity,
    SubProcess,
    Transaction,
    AdHocSubProcess,
    ExclusiveGateway,
    InclusiveGateway,
    ParallelGateway,
    EventBasedGateway,
    ComplexGateway,
}

public static class FlowNodeKindFacts
{
    public static bool IsEvent(this FlowNodeKind kind) => kind <= FlowNodeKind.BoundaryEvent;

    public static bool IsGateway(this FlowNodeKind kind) => kind >= FlowNodeKind.ExclusiveGateway;

    public static bool IsActivity(this FlowNodeKind kind) => !kind.IsEvent() && !kind.IsGateway();

    /// <summary>Kinds that contain their own flow nodes and sequence flows.</summary>
    public static bool IsContainer(this FlowNodeKind kind) =>
        kind is FlowNodeKind.SubProcess or FlowNodeKind.Transaction or FlowNodeKind.AdHocSubProcess;
}
