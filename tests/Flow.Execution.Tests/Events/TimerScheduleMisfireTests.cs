using Flow.Timers;

namespace Flow.Execution.Tests.Events;

/// <summary>The next occurrence of a cycle fired late (timer12), as a pure function: skipped occurrences, counts, calendar periods, end dates.</summary>
public class TimerScheduleMisfireTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void On_time_the_next_occurrence_is_one_period_after_the_previous_under_both_policies()
    {
        foreach (var misfire in new[] { TimerMisfire.FireOnce, TimerMisfire.FireAll })
        {
            Assert.Equal((T0.AddHours(2), 1), TimerSchedule.NextCycleDue("R/PT1H", T0.AddHours(1), 1, T0.AddHours(1.5), misfire));
            Assert.Equal((T0.AddHours(2), 1), TimerSchedule.NextCycleDue("R/PT1H", T0.AddHours(1), 1, T0, misfire));   // fired early (by hand)
        }
    }

    [Fact]
    public void A_fixed_period_skips_every_missed_occurrence_to_the_first_after_now()
    {
        Assert.Equal((T0.AddSeconds(3601), 3600), TimerSchedule.NextCycleDue("R/PT1S", T0.AddSeconds(1), 1, T0.AddHours(1), TimerMisfire.FireOnce));
        Assert.Equal((T0.AddDays(2).AddSeconds(1), 172_800), TimerSchedule.NextCycleDue("R/PT1S", T0.AddSeconds(1), 1, T0.AddDays(2), TimerMisfire.FireOnce));
        Assert.Equal((T0.AddSeconds(2), 1), TimerSchedule.NextCycleDue("R/PT1S", T0.AddSeconds(1), 1, T0.AddDays(2), TimerMisfire.FireAll));
    }

    [Fact]
    public void Skipped_occurrences_count_against_the_repetitions_and_the_end_date()
    {
        Assert.Equal((T0.AddHours(4), 3), TimerSchedule.NextCycleDue("R5/PT1H", T0.AddHours(1), 1, T0.AddHours(3.5), TimerMisfire.FireOnce));
        Assert.Null(TimerSchedule.NextCycleDue("R5/PT1H", T0.AddHours(1), 1, T0.AddHours(5), TimerMisfire.FireOnce));
        Assert.Null(TimerSchedule.NextCycleDue("R/PT1H/2026-11-27T12:00:00Z", T0.AddHours(1), 1, T0.AddHours(3), TimerMisfire.FireOnce));
        Assert.Equal((T0.AddHours(2), 1), TimerSchedule.NextCycleDue("R/PT1H/2026-11-27T12:00:00Z", T0.AddHours(1), 1, T0.AddHours(3), TimerMisfire.FireAll));
    }

    [Fact]
    public void A_calendar_period_is_added_one_by_one_as_the_schedule_adds_it()
    {
        var jan31 = new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);

        // Jan 31 + 1 month = Feb 28, + 1 month = Mar 28, + 1 month = Apr 28: the first after Apr 15.
        Assert.Equal((new DateTimeOffset(2026, 4, 28, 9, 0, 0, TimeSpan.Zero), 3),
            TimerSchedule.NextCycleDue("R/P1M", jan31, 1, new DateTimeOffset(2026, 4, 15, 0, 0, 0, TimeSpan.Zero), TimerMisfire.FireOnce));
    }
}
