namespace Flow.Compiler.Model;

/// <summary>The event definitions of BPMN 2.0; an event with none of them is a "none" (blank) event.</summary>
public enum EventDefinitionKind
{
    Message,
    Timer,
    Error,
    Escalation,
    Cancel,
    Compensate,
    Conditional,
    Link,
    Signal,
    Terminate,
}
