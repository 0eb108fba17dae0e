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
    /// (1-based) of the cycle <paramref name="literal"/>, which ran at <paramref name="now"/>; null
    /// when the cycle is over. Counted from the previous due time, not from when it ran, so the
    /// cycle keeps its grid. Occurrences already due at <paramref name="now"/> were missed: with
    /// <see cref="TimerMisfire.FireOnce"/> they are skipped (the one that ran stood for them) and
    /// counted as fired; with <see cref="TimerMisfire.FireAll"/> the next is the one after
    /// <paramref name="previousDue"/>, however late, so a host that was down catches up once per
    /// missed occurrence. <c>Fired</c> is the count the returned occurrence follows.
    /// </summary>
    public static (DateTimeOffset Due, int Fired)? NextCycleDue(string literal, DateTimeOffset previousDue, int fired, DateTimeOffset now, TimerMisfire misfire)
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
        if (misfire == TimerMisfire.FireOnce && next <= now && next > previousDue)
        {
            var skipped = SkipMissed(cycle.Period, ref next, now, cycle.Repetitions is { } limit ? limit - fired : int.MaxValue);
            fired += skipped;
            if (cycle.Repetitions is { } total && fired >= total)
            {
                return null;
            }
        }

        return cycle.End is { } end && next > end ? null : (next, fired);
    }

    /// <summary>
    /// Moves <paramref name="next"/> past <paramref name="now"/> along the cycle's grid and returns
    /// how many occurrences it passed (at most <paramref name="most"/>). A fixed-length period is
    /// divided (an R/PT1S cycle two days late is one step, not 170,000); one with years or months
    /// is added one by one, as the schedule adds it.
    /// </summary>
    private static int SkipMissed(IsoDuration period, ref DateTimeOffset next, DateTimeOffset now, int most)
    {
        if (period.Years == 0 && period.Months == 0)
        {
            var step = TimeSpan.FromDays(period.Days) + period.Time;
            var count = Math.Min((now - next).Ticks / step.Ticks + 1, most);
            next = next.AddTicks(count * step.Ticks);   // count * step is at most now - next + step: no overflow
            return (int)count;
        }

        var skipped = 0;
        while (next <= now && skipped < most)
        {
            next = period.AddTo(next);
            skipped++;
        }

        return skipped;
    }

    private static FlowExecutionException Invalid(string nodeId, TimerKind kind, TimerValue value, string why) =>
        new(nodeId, $"{TimerErrors.InvalidTimerValue}: the timer of '{nodeId}' ({kind}) cannot wait for {value}: {why}.");
}
