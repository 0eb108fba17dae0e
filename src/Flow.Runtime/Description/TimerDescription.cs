namespace Flow;

/// <summary>Which BPMN timer element defines a timer event.</summary>
public enum TimerKind
{
    /// <summary><c>timeDuration</c>: fires once, this long after the token arrives.</summary>
    Duration,

    /// <summary><c>timeDate</c>: fires once, at this date and time.</summary>
    Date,

    /// <summary><c>timeCycle</c>: fires repeatedly (a start event starts an instance each time; a catch event fires at the first occurrence).</summary>
    Cycle,
}

/// <summary>
/// A timer event's definition: its kind and either the ISO 8601 literal (checked at build time)
/// or, when <see cref="Literal"/> is null, a C# expression the generated class evaluates over the data.
/// </summary>
public sealed class TimerDescription
{
    /// <summary>Creates a timer description (generated code calls this).</summary>
    public TimerDescription(TimerKind kind, string? literal)
    {
        Kind = kind;
        Literal = literal;
    }

    /// <summary>timeDuration, timeDate or timeCycle.</summary>
    public TimerKind Kind { get; }

    /// <summary>The ISO 8601 text; null when the timer is an expression.</summary>
    public string? Literal { get; }

    /// <inheritdoc/>
    public override string ToString() => Kind + " " + (Literal ?? "(expression)");
}
