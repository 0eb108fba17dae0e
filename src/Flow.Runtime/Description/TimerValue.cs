using System;

namespace Flow;

/// <summary>
/// What a timer expression returns: a <see cref="TimeSpan"/> (relative to now), a
/// <see cref="DateTimeOffset"/> (absolute), or ISO 8601 text read as the timer's kind says.
/// Generated timer methods return it, so any other type is a C# error at the expression in the .bpmn.
/// </summary>
public readonly struct TimerValue
{
    private TimerValue(TimeSpan? after, DateTimeOffset? at, string? text)
    {
        After = after;
        At = at;
        Text = text;
    }

    /// <summary>A relative time, if that is what the expression returned.</summary>
    public TimeSpan? After { get; }

    /// <summary>An absolute time, if that is what the expression returned.</summary>
    public DateTimeOffset? At { get; }

    /// <summary>ISO 8601 text, if that is what the expression returned.</summary>
    public string? Text { get; }

    /// <summary>A relative time.</summary>
    public static implicit operator TimerValue(TimeSpan after) => new(after, null, null);

    /// <summary>An absolute time.</summary>
    public static implicit operator TimerValue(DateTimeOffset at) => new(null, at, null);

    /// <summary>ISO 8601 text of the timer's kind.</summary>
    public static implicit operator TimerValue(string? text) => new(null, null, text);

    /// <inheritdoc/>
    public override string ToString() => After?.ToString() ?? At?.ToString("O") ?? Text ?? "(null)";
}
