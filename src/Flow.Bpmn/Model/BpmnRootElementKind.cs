namespace Flow.Bpmn.Model;

/// <summary>The global elements events refer to.</summary>
public enum BpmnRootElementKind
{
    Message,
    Signal,
    Error,
    Escalation,
}
