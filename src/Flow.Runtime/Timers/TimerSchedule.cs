using System;

namespace Flow.Timers;

/// <summary>When a timer is due: pure functions over its definition, its value and the clock's now.</summary>
internal static class TimerSchedule
{
    /// <summary>
    /// The first due time of a timer of kind <paramref name="kind"/>, evaluated to
    /// <paramref name="value"/> (the literal when there is no expression), at <paramref name="now"/>.
    /// A cycle's first occurrence is its start date, or one period from now.
    /// </summary>
    public static DateTimeOffset FirstDue(string nodeId, TimerKind kind, TimerValue value, DateTimeOffset now)
    {
        if (value.After is { } after)
        {
            return now + (after < TimeSpan.Zero ? TimeSpan.Zero : after);
        }

        if (value.At is { } at)
        {
            return at;
        }

        var text = value.Text ?? throw Invalid(nodeId, kind, value, "the expression returned null");
        switch (kind)
        {
            case TimerKind.Duration:
                return TimerSyntax.TryParseDuration(text, out var duration, out var error) ? duration.AddTo(now) : throw Invalid(nodeId, kind, value, error);
            case TimerKind.Date:
                return TimerSyntax.TryParseDate(text, out var date, out error) ? date : throw Invalid(nodeId, kind, value, error);
            default:
                return TimerSyntax.TryParseCycle(text, out var cycle, out error) ? cycle!.Start ?? cycle.Period.AddTo(now) : throw Invalid(nodeId, kind, value, error);
        }
    }

    /// <summary>
    /// The occurrence after one due at <paramref name="previousDue"/>, the <paramref name="fired"/>-th
    /// (1-based) of the cycle <paramref name="literal"/>; null when the cycle is over. Counted from
    /// the previous due time, not from when it ran, so a host that was down catches up once per
    /// missed occurrence.
    /// </summary>
    public static DateTimeOffset? NextCycleDue(string literal, DateTimeOffset previousDue, int fired)
    {
        if (!TimerSyntax.TryParseCycle(literal, out var cycle, out _))
        {
            return null;
        }

        if (cycle!.Repetitions is { } repetitions && fired >= repetitions)
        {
            return null;
        }

        var next = cycle.Period.AddTo(previousDue);
        return cycle.End is { } end && next > end ? null : next;
    }

    private static FlowExecutionException Invalid(string nodeId, TimerKind kind, TimerValue value, string why) =>
        new(nodeId, $"{TimerErrors.InvalidTimerValue}: the timer of '{nodeId}' ({kind}) cannot wait for {value}: {why}.");
}
