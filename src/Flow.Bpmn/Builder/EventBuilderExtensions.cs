using Flow.Bpmn.Builder;
using Flow.Bpmn.Model;

// In the root namespace: `using Flow.Bpmn;` is all a builder chain needs.
namespace Flow.Bpmn;

/// <summary>
/// Event definitions, as Camunda's builders name them; each returns the event's own builder.
/// Messages, signals, errors and escalations are created in the definitions the first time
/// their name (or code) is used and shared after that.
/// </summary>
public static class EventBuilderExtensions
{
    public static T Message<T>(this T builder, string name)
        where T : EventBuilder => Referring(builder, BpmnEventDefinitionKind.Message, BpmnRootElementKind.Message, name);

    public static T Signal<T>(this T builder, string name)
        where T : EventBuilder => Referring(builder, BpmnEventDefinitionKind.Signal, BpmnRootElementKind.Signal, name);

    /// <summary>An error event with the code; <c>Error()</c> without a code is a catch-all (boundary, event sub-process start).</summary>
    public static T Error<T>(this T builder, string? errorCode = null)
        where T : EventBuilder => Referring(builder, BpmnEventDefinitionKind.Error, BpmnRootElementKind.Error, errorCode);

    /// <summary>An escalation event with the code; without a code a catch-all.</summary>
    public static T Escalation<T>(this T builder, string? escalationCode = null)
        where T : EventBuilder => Referring(builder, BpmnEventDefinitionKind.Escalation, BpmnRootElementKind.Escalation, escalationCode);

    /// <summary>A timer after an ISO 8601 duration (<c>PT5M</c>) or a <c>${…}</c> expression.</summary>
    public static T TimerWithDuration<T>(this T builder, string duration)
        where T : EventBuilder => Timer(builder, BpmnTimerKind.Duration, duration);

    /// <summary>A timer at an ISO 8601 date-time.</summary>
    public static T TimerWithDate<T>(this T builder, string date)
        where T : EventBuilder => Timer(builder, BpmnTimerKind.Date, date);

    /// <summary>A repeating timer (<c>R3/PT1H</c>).</summary>
    public static T TimerWithCycle<T>(this T builder, string cycle)
        where T : EventBuilder => Timer(builder, BpmnTimerKind.Cycle, cycle);

    /// <summary>A conditional event with the condition (C#, or JUEL-style <c>${…}</c>).</summary>
    public static T Conditional<T>(this T builder, string condition)
        where T : EventBuilder
    {
        builder.Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Conditional) { Condition = IntermediateCatchEventBuilder.Required(condition, "condition") });
        return builder;
    }

    /// <summary>
    /// A compensation event: on a boundary event, the compensated activity's (add the handler with
    /// CompensationStart()); on a throw or end event, compensates <paramref name="activityRef"/>
    /// or, without it, every completed activity of its scope; on an event sub-process's start
    /// event, the compensation event sub-process.
    /// </summary>
    public static T Compensation<T>(this T builder, string? activityRef = null)
        where T : EventBuilder
    {
        builder.Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Compensate) { Reference = activityRef is null ? null : BpmnIds.Validate(activityRef) });
        return builder;
    }

    /// <summary>Camunda's compensateEventDefinition(): a compensation event, set up further with ActivityRef, ended with CompensateEventDefinitionDone().</summary>
    public static CompensateEventDefinitionBuilder<T> CompensateEventDefinition<T>(this T builder)
        where T : EventBuilder => new(builder.Compensation());

    private static T Timer<T>(T builder, BpmnTimerKind kind, string value)
        where T : EventBuilder
    {
        builder.Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Timer) { TimerKind = kind, TimerValue = IntermediateCatchEventBuilder.Required(value, "timer value") });
        return builder;
    }

    private static T Referring<T>(T builder, BpmnEventDefinitionKind kind, BpmnRootElementKind rootKind, string? nameOrCode)
        where T : EventBuilder
    {
        if (nameOrCode is null && rootKind is BpmnRootElementKind.Message or BpmnRootElementKind.Signal)
        {
            throw new BpmnModelException(BpmnErrors.MissingArgument, $"The {rootKind.ToString().ToLowerInvariant()} of '{builder.Node.Id}' needs a name.");
        }

        var reference = nameOrCode is null ? null : builder.Context.RootElement(rootKind, nameOrCode).Id;
        builder.Define(new BpmnEventDefinition(kind) { Reference = reference });
        return builder;
    }
}
