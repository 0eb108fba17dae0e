namespace Flow.Bpmn.Model;

/// <summary>The event definitions of BPMN 2.0 that an event may carry.</summary>
public enum BpmnEventDefinitionKind
{
    Message,
    Signal,
    Error,
    Escalation,
    Timer,
    Conditional,
    Link,
    Terminate,
    Cancel,
    Compensate,
}

/// <summary>Which child of a timerEventDefinition holds the timer's value.</summary>
public enum BpmnTimerKind
{
    Duration,
    Date,
    Cycle,
}
