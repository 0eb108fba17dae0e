namespace Flow.Bpmn.Model;

/// <summary>
/// One event definition of an event: its kind and the part of it the kind uses —
/// <see cref="Reference"/> (messageRef, signalRef, errorRef, escalationRef), <see cref="LinkName"/>,
/// the timer (<see cref="TimerKind"/> and <see cref="TimerValue"/>) or the condition.
/// </summary>
public sealed class BpmnEventDefinition
{
    public BpmnEventDefinition(BpmnEventDefinitionKind kind) => Kind = kind;

    public BpmnEventDefinitionKind Kind { get; }

    /// <summary>The id of the referenced message, signal, error or escalation; null catches any (errors, escalations).</summary>
    public string? Reference { get; set; }

    public string? LinkName { get; set; }

    public BpmnTimerKind? TimerKind { get; set; }

    public string? TimerValue { get; set; }

    /// <summary>A conditional event's condition.</summary>
    public string? Condition { get; set; }

    public string? ConditionLanguage { get; set; }

    /// <summary>The element's local name (<c>timerEventDefinition</c>).</summary>
    public string ElementName => char.ToLowerInvariant(Kind.ToString()[0]) + Kind.ToString().Substring(1) + "EventDefinition";
}
