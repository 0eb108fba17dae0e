using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>Which child of a timerEventDefinition gives the time (same names as the runtime's TimerKind).</summary>
public enum TimerDefinitionKind
{
    Duration,
    Date,
    Cycle,
}

/// <summary>
/// A timeDuration, timeDate or timeCycle: an ISO 8601 literal, or a ${...}/#{...} C# expression over
/// the process data. <paramref name="ElementSpan"/> is the element, <see cref="Expression.Span"/> its text.
/// </summary>
public sealed record TimerValueText(TimerDefinitionKind Kind, Expression Value, SourceSpan ElementSpan)
{
    /// <summary>The BPMN element name (timeDuration, …), for messages.</summary>
    public string ElementName => "time" + Kind;
}
