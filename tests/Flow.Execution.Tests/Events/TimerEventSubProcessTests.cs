using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>Event sub-processes started by a timer, in the process and in an embedded sub-process (issue 12).</summary>
public class TimerEventSubProcessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Start → Review (user task) → Done → End, and an event sub-process OnTime started by <paramref name="time"/>: → Timed → TimedEnd.</summary>
    private static string ReviewWith(string time, bool interrupting) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
        {Service("Done")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "Done")}
        {Seq("F3", "Done", "End")}
            <bpmn:subProcess id="OnTime" triggeredByEvent="true">
              <bpmn:startEvent id="TimeStart" isInterrupting="{(interrupting ? "true" : "false")}"><bpmn:timerEventDefinition>{time}</bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:serviceTask id="Timed" flow:handler="Timed" />
              <bpmn:endEvent id="TimedEnd" />
              <bpmn:sequenceFlow id="T1" sourceRef="TimeStart" targetRef="Timed" />
              <bpmn:sequenceFlow id="T2" sourceRef="Timed" targetRef="TimedEnd" />
            </bpmn:subProcess>
        """);

    private static readonly Lazy<TestFlow> Expire = new(() => TestFlow.Build(ReviewWith("<bpmn:timeDuration>PT1H</bpmn:timeDuration>", true), new[] { "Done", "Timed" }));
    private static readonly Lazy<TestFlow> Remind = new(() => TestFlow.Build(ReviewWith("<bpmn:timeCycle>R2/PT30M</bpmn:timeCycle>", false), new[] { "Done", "Timed" }));

    private static async Task<IFlowInstance> Start(TestFlow flow)
    {
        flow.Process.Clock = new FakeTimeProvider(T0);
        return await flow.StartAsync();
    }

    [Fact]
    public async Task An_interrupting_timer_start_ends_the_process_scope_and_runs_the_event_sub_process()
    {
        var instance = await Start(Expire.Value);
        var timer = Assert.Single(instance.Timers);
        Assert.Equal(("TimeStart", "test", T0.AddHours(1)), (timer.NodeId, timer.WaitNodeId, timer.DueAt));

        Assert.True(await instance.FireTimerAsync(timer.JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Timed" }, TestFlow.Log(instance));
        Assert.Empty(instance.Timers);
        Assert.Empty(instance.WaitingAt);
    }

    [Fact]
    public async Task A_non_interrupting_cycle_start_runs_the_event_sub_process_per_occurrence_while_the_task_waits()
    {
        var instance = await Start(Remind.Value);
        var first = Assert.Single(instance.Timers);
        Assert.Equal(T0.AddMinutes(30), first.DueAt);

        Assert.True(await instance.FireTimerAsync(first.JobId));
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        var second = Assert.Single(instance.Timers);
        Assert.Equal(T0.AddMinutes(60), second.DueAt);

        var resumed = RoundTrip(Remind.Value, instance);
        Assert.True(await resumed.FireTimerAsync(second.JobId));

        Assert.Empty(resumed.Timers);   // R2: twice
        Assert.Equal(new[] { "Timed", "Timed" }, TestFlow.Log(resumed));
        await resumed.CompleteAsync("Review");
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Timed", "Timed", "Done" }, TestFlow.Log(resumed));
    }

    [Fact]
    public async Task The_process_ending_first_drops_its_event_sub_process_timer()
    {
        var instance = await Start(Expire.Value);
        var timer = Assert.Single(instance.Timers);

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Timers);
        Assert.False(await instance.FireTimerAsync(timer.JobId));
        Assert.Equal(new[] { "Done" }, TestFlow.Log(instance));
    }

    /// <summary>Start → Sub (Pack, a user task; an interrupting timer event sub-process → Hurry) → Ship → End.</summary>
    private static readonly Lazy<TestFlow> InSubProcess = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" />
              <bpmn:userTask id="Pack" />
              <bpmn:endEvent id="SubEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Pack" />
              <bpmn:sequenceFlow id="S2" sourceRef="Pack" targetRef="SubEnd" />
              <bpmn:subProcess id="OnSlow" triggeredByEvent="true">
                <bpmn:startEvent id="SlowStart"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:serviceTask id="Hurry" flow:handler="Hurry" />
                <bpmn:endEvent id="SlowEnd" />
                <bpmn:sequenceFlow id="H1" sourceRef="SlowStart" targetRef="Hurry" />
                <bpmn:sequenceFlow id="H2" sourceRef="Hurry" targetRef="SlowEnd" />
              </bpmn:subProcess>
            </bpmn:subProcess>
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Sub")}
        {Seq("F2", "Sub", "Ship")}
        {Seq("F3", "Ship", "End")}
        """), new[] { "Ship", "Hurry" }));

    [Fact]
    public async Task A_timer_start_in_a_sub_process_interrupts_only_that_scope_and_the_process_goes_on()
    {
        var instance = await Start(InSubProcess.Value);
        var timer = Assert.Single(instance.Timers);
        Assert.Equal(("SlowStart", "Sub", T0.AddHours(2)), (timer.NodeId, timer.WaitNodeId, timer.DueAt));

        Assert.True(await instance.FireTimerAsync(timer.JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Hurry", "Ship" }, TestFlow.Log(instance));
        Assert.Empty(instance.Timers);
    }
}
