using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>
/// A non-interrupting boundary timer with a cycle fired late (the host was down, timer12): by
/// default it catches once for the missed occurrences and its next occurrence is the first in the
/// future, the skipped ones counted against R/n; with <see cref="TimerMisfire.FireAll"/> once per occurrence.
/// </summary>
public class TimerBoundaryMisfireTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Start → Review (user task) → Done → End; a non-interrupting timer boundary Late on Review → Remind → Reminded.</summary>
    private static string OnReview(string cycle) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
        {Service("Done")}
            <bpmn:endEvent id="End" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        {Service("Remind")}
            <bpmn:endEvent id="Reminded" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "Done")}
        {Seq("F3", "Done", "End")}
        {Seq("F4", "Late", "Remind")}
        {Seq("F5", "Remind", "Reminded")}
        """);

    private static readonly Lazy<TestFlow> EverySecond = new(() => TestFlow.Build(OnReview("R/PT1S"), new[] { "Done", "Remind" }));
    private static readonly Lazy<TestFlow> FiveTimes = new(() => TestFlow.Build(OnReview("R5/PT1M"), new[] { "Done", "Remind" }));

    private static async Task<(IFlowInstance Instance, FakeTimeProvider Clock)> Start(TestFlow flow, TimerMisfire misfire = TimerMisfire.FireOnce)
    {
        var clock = new FakeTimeProvider(T0);
        var process = flow.NewProcess();
        process.Clock = clock;
        ((ITimerMisfireSetting)process).TimerMisfire = misfire;
        return (await TestFlow.StartAsync(process), clock);
    }

    [Fact]
    public async Task An_every_second_boundary_cycle_an_hour_late_catches_once_then_goes_on_from_now()
    {
        var (instance, clock) = await Start(EverySecond.Value);
        Assert.Equal(T0.AddSeconds(1), Assert.Single(instance.Timers).DueAt);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await instance.FireTimerAsync(Assert.Single(instance.Timers).JobId));

        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));
        var next = Assert.Single(instance.Timers);
        Assert.Equal((T0.AddHours(1).AddSeconds(1), 3600), (next.DueAt, next.Fired));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await instance.FireTimerAsync(next.JobId));
        Assert.Equal(new[] { "Remind", "Remind" }, TestFlow.Log(instance));
        Assert.Equal(T0.AddHours(1).AddSeconds(2), Assert.Single(instance.Timers).DueAt);
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
    }

    [Fact]
    public async Task An_R5_boundary_cycle_that_missed_three_catches_once_late_then_the_two_left()
    {
        var (instance, clock) = await Start(FiveTimes.Value);

        clock.Advance(TimeSpan.FromMinutes(3.5));   // T0+1m, +2m, +3m missed
        Assert.True(await instance.FireTimerAsync(Assert.Single(instance.Timers).JobId));
        var next = Assert.Single(instance.Timers);
        Assert.Equal((T0.AddMinutes(4), 3), (next.DueAt, next.Fired));

        clock.Advance(TimeSpan.FromMinutes(0.5));
        Assert.True(await instance.FireTimerAsync(next.JobId));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await instance.FireTimerAsync(Assert.Single(instance.Timers).JobId));

        Assert.Empty(instance.Timers);   // R5: five occurrences consumed, three caught
        Assert.Equal(new[] { "Remind", "Remind", "Remind" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
    }

    [Fact]
    public async Task With_FireAll_a_late_boundary_cycle_goes_on_with_the_next_missed_occurrence()
    {
        var (instance, clock) = await Start(FiveTimes.Value, TimerMisfire.FireAll);

        clock.Advance(TimeSpan.FromMinutes(3.5));
        Assert.True(await instance.FireTimerAsync(Assert.Single(instance.Timers).JobId));

        var next = Assert.Single(instance.Timers);
        Assert.Equal((T0.AddMinutes(2), 1), (next.DueAt, next.Fired));
    }
}
