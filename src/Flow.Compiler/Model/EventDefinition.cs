using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// One event definition of an event. <paramref name="Name"/> carries what identifies the
/// trigger where BPMN gives it inline (a link's name); references to messages, signals etc.
/// are in <paramref name="Reference"/>.
/// </summary>
public sealed record EventDefinition(EventDefinitionKind Kind, SourceSpan Span, string? Name = null, string? Reference = null)
{
    /// <summary>For timers: the timeDuration, timeDate and timeCycle children, in document order (one is valid).</summary>
    public EquatableArray<TimerValueText> TimerValues { get; init; }

    /// <summary>For a conditional event: its <c>condition</c> child (C# over the data, like a sequence-flow condition).</summary>
    public Expression? Condition { get; init; }

    /// <summary>For a compensation throw: <c>waitForCompletion="false"</c> is written (taken as true, as Camunda 7 does: FLOW1322).</summary>
    public bool DoesNotWaitForCompletion { get; init; }
}
