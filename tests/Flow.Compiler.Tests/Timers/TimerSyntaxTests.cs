using Flow.Timers;

namespace Flow.Compiler.Tests.Timers;

/// <summary>The ISO 8601 timer syntax the compiler checks and the runtime schedules (one source file, linked into both).</summary>
public class TimerSyntaxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("PT10M", "2026-01-31T12:10:00+00:00")]
    [InlineData("P3DT2H", "2026-02-03T14:00:00+00:00")]
    [InlineData("P1M", "2026-02-28T12:00:00+00:00")]          // calendar month: Jan 31 + 1 month is Feb 28
    [InlineData("P1Y", "2027-01-31T12:00:00+00:00")]
    [InlineData("P2W", "2026-02-14T12:00:00+00:00")]
    [InlineData("PT1.5S", "2026-01-31T12:00:01.5+00:00")]
    [InlineData("pt1h", "2026-01-31T13:00:00+00:00")]
    [InlineData("PT0S", "2026-01-31T12:00:00+00:00")]
    public void Durations_are_added_to_a_date(string text, string expected)
    {
        Assert.True(TimerSyntax.TryParseDuration(text, out var duration, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), duration.AddTo(T0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("10M")]
    [InlineData("P1H")]            // hours need T
    [InlineData("PT1D")]           // days come before T
    [InlineData("PT1M2H")]         // out of order
    [InlineData("P1.5D")]          // fraction outside the seconds
    [InlineData("PT99999999999S")] // out of range
    [InlineData("-PT1M")]
    public void Malformed_durations_are_refused_with_a_reason(string text)
    {
        Assert.False(TimerSyntax.TryParseDuration(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00Z", "2026-12-01T10:00:00+00:00")]
    [InlineData("2026-12-01T10:00:00+01:00", "2026-12-01T09:00:00+00:00")]
    [InlineData("2026-12-01T10:00:00.250-05:30", "2026-12-01T15:30:00.25+00:00")]
    public void Dates_need_and_keep_their_offset(string text, string utc)
    {
        Assert.True(TimerSyntax.TryParseDate(text, out var date, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00", "no offset")]
    [InlineData("2026-12-01", "not an ISO 8601 date and time")]
    [InlineData("01/12/2026 10:00Z", "not an ISO 8601 date and time")]
    public void Dates_without_offset_or_in_other_formats_are_refused(string text, string reason)
    {
        Assert.False(TimerSyntax.TryParseDate(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycles_read_repetitions_start_period_and_end()
    {
        Assert.True(TimerSyntax.TryParseCycle("R3/PT10M", out var bounded, out _));
        Assert.Equal((3, (DateTimeOffset?)null, (DateTimeOffset?)null), (bounded!.Repetitions, bounded.Start, bounded.End));
        Assert.Equal(T0.AddMinutes(10), bounded.Period.AddTo(T0));

        Assert.True(TimerSyntax.TryParseCycle("R/PT1H", out var endless, out _));
        Assert.Null(endless!.Repetitions);

        Assert.True(TimerSyntax.TryParseCycle("R3/2026-12-01T10:00:00Z/PT1H", out var started, out _));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), started!.Start);

        Assert.True(TimerSyntax.TryParseCycle("R/P1D/2027-01-01T00:00:00Z", out var ending, out _));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), ending!.End);
    }

    [Theory]
    [InlineData("R0/PT10M", true)]
    [InlineData("R/PT0S", true)]
    [InlineData("PT10M", false)]
    [InlineData("R3/PT10X", false)]
    [InlineData("Rx/PT10M", false)]
    [InlineData("R3/2026-12-01T10:00:00/PT1H", false)]
    [InlineData("0 0 9 * * ?", false)]
    public void Bad_cycles_tell_never_firing_from_malformed(string text, bool neverFires)
    {
        Assert.False(TimerSyntax.TryParseCycle(text, out _, out var error, out var never));
        Assert.Equal(neverFires, never);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Cron_is_named_in_the_message()
    {
        Assert.False(TimerSyntax.TryParseCycle("0 0 9 * * ?", out _, out var error));
        Assert.Contains("cron", error, StringComparison.Ordinal);
    }
}
