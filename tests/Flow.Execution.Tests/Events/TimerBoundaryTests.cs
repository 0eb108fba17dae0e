using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>Timer boundary events on a waiting user task and a sub-process, interrupting and not (issue 12).</summary>
public class TimerBoundaryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Start → Review (user task) → Done → End; a timer boundary Late on Review → Remind → Reminded.</summary>
    private static string OnReview(string time, bool interrupting) => Process(ReviewBody(time, interrupting));

    private static string ReviewBody(string time, bool interrupting) => $"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
        {Service("Done")}
            <bpmn:endEvent id="End" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Review" cancelActivity="{(interrupting ? "true" : "false")}"><bpmn:timerEventDefinition>{time}</bpmn:timerEventDefinition></bpmn:boundaryEvent>
        {Service("Remind")}
            <bpmn:endEvent id="Reminded" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "Done")}
        {Seq("F3", "Done", "End")}
        {Seq("F4", "Late", "Remind")}
        {Seq("F5", "Remind", "Reminded")}
        """;

    private static readonly Lazy<TestFlow> Interrupting = new(() => TestFlow.Build(OnReview("<bpmn:timeDuration>PT1H</bpmn:timeDuration>", true), new[] { "Done", "Remind" }));
    private static readonly Lazy<TestFlow> NonInterrupting = new(() => TestFlow.Build(OnReview("<bpmn:timeDuration>PT1H</bpmn:timeDuration>", false), new[] { "Done", "Remind" }));
    private static readonly Lazy<TestFlow> Cycle = new(() => TestFlow.Build(OnReview("<bpmn:timeCycle>R2/PT30M</bpmn:timeCycle>", false), new[] { "Done", "Remind" }));

    private static async Task<IFlowInstance> Start(TestFlow flow)
    {
        flow.Process.Clock = new FakeTimeProvider(T0);
        return await flow.StartAsync();
    }

    [Fact]
    public async Task An_interrupting_timer_cancels_the_user_task_and_the_token_goes_on_from_the_boundary()
    {
        var instance = await Start(Interrupting.Value);
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        var timer = Assert.Single(instance.Timers);
        Assert.Equal(("Late", T0.AddHours(1)), (timer.NodeId, timer.DueAt));
        Assert.Equal(instance.Id + "/Late/1", timer.JobId);

        Assert.True(await instance.FireTimerAsync(timer.JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Review", "Late", "Remind", "Reminded" }, instance.Trace);
        Assert.Empty(instance.Timers);
        var late = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteAsync("Review").AsTask());
        Assert.Equal("FLOW6042", late.Id);
    }

    [Fact]
    public async Task A_non_interrupting_timer_spawns_a_parallel_path_while_the_task_still_waits()
    {
        var instance = await Start(NonInterrupting.Value);

        Assert.True(await instance.FireTimerAsync(Assert.Single(instance.Timers).JobId));

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));
        Assert.Empty(instance.Timers);   // a duration fires once

        await instance.CompleteAsync("Review");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Remind", "Done" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_non_interrupting_cycle_fires_per_occurrence_until_the_cycle_ends()
    {
        var instance = await Start(Cycle.Value);
        var first = Assert.Single(instance.Timers);
        Assert.Equal(T0.AddMinutes(30), first.DueAt);

        Assert.True(await instance.FireTimerAsync(first.JobId));
        var second = Assert.Single(instance.Timers);
        Assert.Equal(T0.AddMinutes(60), second.DueAt);
        Assert.NotEqual(first.JobId, second.JobId);   // a new job, not the fired one again
        Assert.False(await instance.FireTimerAsync(first.JobId));

        // The next occurrence survives a save while the task waits.
        var resumed = RoundTrip(Cycle.Value, instance);
        Assert.Equal((second.JobId, second.DueAt), (Assert.Single(resumed.Timers).JobId, Assert.Single(resumed.Timers).DueAt));
        Assert.True(await resumed.FireTimerAsync(second.JobId));

        Assert.Empty(resumed.Timers);   // R2: twice
        Assert.Equal(new[] { "Review" }, resumed.WaitingAt);
        Assert.Equal(new[] { "Remind", "Remind" }, TestFlow.Log(resumed));
    }

    [Fact]
    public async Task Completing_the_task_before_the_timer_drops_the_timer()
    {
        var instance = await Start(Interrupting.Value);
        var timer = Assert.Single(instance.Timers);

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Timers);
        Assert.False(await instance.FireTimerAsync(timer.JobId));
        Assert.Equal(new[] { "Done" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_waiting_boundary_timer_survives_a_json_round_trip_and_fires_in_a_new_process_object()
    {
        var instance = await Start(Interrupting.Value);

        var resumed = RoundTrip(Interrupting.Value, instance);

        var timer = Assert.Single(resumed.Timers);
        Assert.Equal(("Late", "Review", T0.AddHours(1)), (timer.NodeId, timer.WaitNodeId, timer.DueAt));
        Assert.True(await resumed.FireTimerAsync(timer.JobId));
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(resumed));
    }

    [Fact]
    public async Task A_boundary_timer_expression_that_is_no_time_fails_before_the_task_waits_and_a_retry_waits_with_the_timer()
    {
        var flow = TestFlow.Build(Process(ReviewBody("<bpmn:timeDuration>${text}</bpmn:timeDuration>", true), Variable("text", "string?")), new[] { "Done", "Remind" });
        flow.Process.Clock = new FakeTimeProvider(T0);

        var instance = await flow.StartAsync(("text", "an hour"));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Review", instance.Failure!.NodeId);
        Assert.StartsWith("FLOW6160", instance.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(instance.Timers);
        Assert.Equal(new[] { "Start" }, instance.Trace);

        instance.Data.GetType().GetProperty("text")!.SetValue(instance.Data, "PT1H");
        await instance.RetryAsync();

        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        Assert.Equal(T0.AddHours(1), Assert.Single(instance.Timers).DueAt);
        Assert.Equal(new[] { "Start", "Review" }, instance.Trace);
    }

    /// <summary>Start → Sub (Pack, a user task) → Ship → End; a timer boundary on Sub → Escalate.</summary>
    private static readonly Lazy<TestFlow> OnSubProcess = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" />
              <bpmn:userTask id="Pack" />
              <bpmn:endEvent id="SubEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Pack" />
              <bpmn:sequenceFlow id="S2" sourceRef="Pack" targetRef="SubEnd" />
            </bpmn:subProcess>
        {Service("Ship")}
            <bpmn:endEvent id="End" />
            <bpmn:boundaryEvent id="TooSlow" attachedToRef="Sub"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        {Service("Escalate")}
            <bpmn:endEvent id="Escalated" />
        {Seq("F1", "Start", "Sub")}
        {Seq("F2", "Sub", "Ship")}
        {Seq("F3", "Ship", "End")}
        {Seq("F4", "TooSlow", "Escalate")}
        {Seq("F5", "Escalate", "Escalated")}
        """), new[] { "Ship", "Escalate" }));

    [Fact]
    public async Task An_interrupting_timer_on_a_sub_process_ends_its_scope()
    {
        var instance = await Start(OnSubProcess.Value);
        Assert.Equal(new[] { "Pack" }, instance.WaitingAt);
        var timer = Assert.Single(instance.Timers);
        Assert.Equal(("TooSlow", "Sub", T0.AddDays(1)), (timer.NodeId, timer.WaitNodeId, timer.DueAt));

        Assert.True(await instance.FireTimerAsync(timer.JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Escalate" }, TestFlow.Log(instance));
        Assert.Empty(instance.Timers);
    }
}
