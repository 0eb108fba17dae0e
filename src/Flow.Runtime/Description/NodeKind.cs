namespace Flow;

/// <summary>The kind of a flow node, as drawn in BPMN.</summary>
public enum NodeKind
{
    /// <summary>A start event.</summary>
    StartEvent,

    /// <summary>An end event.</summary>
    EndEvent,

    /// <summary>An intermediate catching event.</summary>
    IntermediateCatchEvent,

    /// <summary>An intermediate throwing event.</summary>
    IntermediateThrowEvent,

    /// <summary>An event attached to an activity's boundary.</summary>
    BoundaryEvent,

    /// <summary>An untyped task.</summary>
    Task,

    /// <summary>A service task.</summary>
    ServiceTask,

    /// <summary>A send task.</summary>
    SendTask,

    /// <summary>A receive task.</summary>
    ReceiveTask,

    /// <summary>A user task.</summary>
    UserTask,

    /// <summary>A manual task.</summary>
    ManualTask,

    /// <summary>A business rule task.</summary>
    BusinessRuleTask,

    /// <summary>A script task.</summary>
    ScriptTask,

    /// <summary>A call activity.</summary>
    CallActivity,

    /// <summary>An embedded (or event) sub-process.</summary>
    SubProcess,

    /// <summary>A transaction sub-process.</summary>
    Transaction,

    /// <summary>An ad-hoc sub-process.</summary>
    AdHocSubProcess,

    /// <summary>An exclusive (XOR) gateway.</summary>
    ExclusiveGateway,

    /// <summary>An inclusive (OR) gateway.</summary>
    InclusiveGateway,

    /// <summary>A parallel (AND) gateway.</summary>
    ParallelGateway,

    /// <summary>An event-based gateway.</summary>
    EventBasedGateway,

    /// <summary>A complex gateway.</summary>
    ComplexGateway,
}
