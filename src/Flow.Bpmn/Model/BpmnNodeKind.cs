namespace Flow.Bpmn.Model;

/// <summary>The kinds of flow node the model holds: those Flow.Compiler reads (some of which it refuses with FLOW4xxx).</summary>
public enum BpmnNodeKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    Task,
    UserTask,
    ServiceTask,
    ScriptTask,
    SendTask,
    ReceiveTask,
    ManualTask,
    BusinessRuleTask,
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
