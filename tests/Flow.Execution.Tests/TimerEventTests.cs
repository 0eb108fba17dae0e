using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>Timer intermediate catch events on the token engine: the token waits, the instance carries the timer, firing moves it on.</summary>
public class TimerEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static string Waiting(string time) => Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Before")}
            <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition>{time}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        {Service("After")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Before")}
        {Seq("F2", "Before", "Wait")}
        {Seq("F3", "Wait", "After")}
        {Seq("F4", "After", "End")}
        """, Variable("minutes", "int") + Variable("at", "System.DateTimeOffset") + Variable("text", "string?"));

    private static readonly Lazy<TestFlow> TenMinutes = new(() => TestFlow.Build(Waiting("<bpmn:timeDuration>PT10M</bpmn:timeDuration>"), new[] { "Before", "After" }));

    private static TestFlow OnClock(TestFlow flow, FakeTimeProvider clock)
    {
        flow.Process.Clock = clock;
        return flow;
    }

    [Fact]
    public async Task A_token_waits_at_a_timer_and_moves_on_when_it_fires()
    {
        var flow = OnClock(TenMinutes.Value, new FakeTimeProvider(T0));
        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Empty(instance.WaitingAt);   // nothing for a host to complete
        Assert.Equal(new[] { "Start", "Before", "Wait" }, instance.Trace);
        var timer = Assert.Single(instance.Timers);
        Assert.Equal(("Wait", T0.AddMinutes(10)), (timer.NodeId, timer.DueAt));
        Assert.StartsWith(instance.Id + "/Wait/", timer.JobId, StringComparison.Ordinal);

        Assert.True(await instance.FireTimerAsync(timer.JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Before", "After" }, TestFlow.Log(instance));
        Assert.Empty(instance.Timers);
    }

    [Fact]
    public async Task Firing_a_timer_the_instance_does_not_wait_on_changes_nothing()
    {
        var flow = OnClock(TenMinutes.Value, new FakeTimeProvider(T0));
        var instance = await flow.StartAsync();
        var before = instance.ToJson();

        Assert.False(await instance.FireTimerAsync("someone-else/Wait/1"));

        Assert.Equal(before, instance.ToJson());
        var timer = Assert.Single(instance.Timers);
        Assert.True(await instance.FireTimerAsync(timer.JobId));
        Assert.False(await instance.FireTimerAsync(timer.JobId));   // fired already: once only
        Assert.Equal(new[] { "Before", "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_waiting_timer_survives_a_json_round_trip_into_a_fresh_load_and_fires_there()
    {
        var instance = await OnClock(TenMinutes.Value, new FakeTimeProvider(T0)).StartAsync();
        var json = instance.ToJson();

        var other = TestFlow.Build(Waiting("<bpmn:timeDuration>PT10M</bpmn:timeDuration>"), new[] { "Before", "After" });
        var resumed = other.Process.ResumeFromJson(json);

        var timer = Assert.Single(resumed.Timers);
        Assert.Equal(T0.AddMinutes(10), timer.DueAt);
        Assert.True(await resumed.FireTimerAsync(timer.JobId));
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Before", "After" }, TestFlow.Log(resumed));
    }

    [Theory]
    [InlineData("<bpmn:timeDuration>${System.TimeSpan.FromMinutes(minutes)}</bpmn:timeDuration>", 5)]
    [InlineData("<bpmn:timeDuration>${\"PT\" + minutes + \"M\"}</bpmn:timeDuration>", 5)]
    [InlineData("<bpmn:timeDate>${at}</bpmn:timeDate>", 90)]
    [InlineData("<bpmn:timeDate>2026-11-26T13:30:00+01:00</bpmn:timeDate>", 30)]
    [InlineData("<bpmn:timeDuration>P1DT1H</bpmn:timeDuration>", 25 * 60)]
    [InlineData("<bpmn:timeCycle>R3/PT20M</bpmn:timeCycle>", 20)]
    [InlineData("<bpmn:timeCycle>R3/2026-11-26T14:00:00Z/PT20M</bpmn:timeCycle>", 120)]
    public async Task Literals_and_expressions_over_the_data_give_the_due_time(string time, int minutesFromNow)
    {
        var flow = OnClock(TestFlow.Build(Waiting(time), new[] { "Before", "After" }), new FakeTimeProvider(T0));

        var instance = await flow.StartAsync(("minutes", 5), ("at", T0.AddMinutes(90)));

        Assert.Equal(T0.AddMinutes(minutesFromNow), Assert.Single(instance.Timers).DueAt);
    }

    [Fact]
    public async Task An_expression_that_is_no_time_fails_the_instance_before_the_timer_and_a_retry_waits()
    {
        var flow = OnClock(TestFlow.Build(Waiting("<bpmn:timeDuration>${text}</bpmn:timeDuration>"), new[] { "Before", "After" }), new FakeTimeProvider(T0));

        var instance = await flow.StartAsync(("text", "ten minutes"));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Wait", instance.Failure!.NodeId);
        Assert.StartsWith("FLOW6160", instance.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("'ten minutes'", instance.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(instance.Timers);

        instance.Data.GetType().GetProperty("text")!.SetValue(instance.Data, "PT10M");
        await instance.RetryAsync();

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(T0.AddMinutes(10), Assert.Single(instance.Timers).DueAt);
        Assert.Equal(new[] { "Start", "Before", "Wait" }, instance.Trace);
    }

    [Fact]
    public async Task A_terminate_end_drops_the_timers_of_the_tokens_it_ends()
    {
        var flow = OnClock(TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Split" />
                <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="Late" />
            {Service("Work")}
                <bpmn:endEvent id="Stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            {Seq("F1", "Start", "Split")}
            {Seq("F2", "Split", "Wait")}
            {Seq("F3", "Wait", "Late")}
            {Seq("F4", "Split", "Work")}
            {Seq("F5", "Work", "Stop")}
            """), new[] { "Work" }), new FakeTimeProvider(T0));

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Timers);
        Assert.DoesNotContain("\"Timers\"", instance.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_parallel_timers_fire_in_any_order_and_the_join_waits_for_both()
    {
        var flow = OnClock(TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Split" />
                <bpmn:intermediateCatchEvent id="Short"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="Long"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:parallelGateway id="Join" />
            {Service("Done")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Split")}
            {Seq("F2", "Split", "Short")}
            {Seq("F3", "Split", "Long")}
            {Seq("F4", "Short", "Join")}
            {Seq("F5", "Long", "Join")}
            {Seq("F6", "Join", "Done")}
            {Seq("F7", "Done", "End")}
            """), new[] { "Done" }), new FakeTimeProvider(T0));

        var instance = await flow.StartAsync();
        Assert.Equal(new[] { T0.AddMinutes(1), T0.AddHours(1) }, instance.Timers.Select(t => t.DueAt).Order());

        Assert.True(await instance.FireTimerAsync(instance.Timers.Single(t => t.NodeId == "Long").JobId));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Empty(TestFlow.Log(instance));
        Assert.True(await instance.FireTimerAsync(Assert.Single(instance.Timers).JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Done" }, TestFlow.Log(instance));
    }
}
