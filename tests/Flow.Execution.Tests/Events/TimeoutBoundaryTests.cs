using System.Collections.Concurrent;
using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>
/// An interrupting timer boundary event on a task that runs code is a timeout (issue 12): the
/// handler's token is cancelled when the timer is due, the boundary's path is taken and the late
/// result is discarded; a handler that finishes first keeps its result and the timer goes. The
/// timeout runs on the process's TimeProvider: a fake clock the tests move decides when it is due
/// (the handlers await real time, so only the clock decides the race). Scripts run synchronously,
/// so their test measures real time, with wide margins.
/// </summary>
public class TimeoutBoundaryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The handler Call: waits data.delayMs (honouring its token unless data.ignoreToken), then logs
    /// "Call" and sets result = 42. It records in Events what happened to it, by instance id.
    /// </summary>
    private const string CallHandler = """
        namespace Flows.Under.Test { public partial class TestProcess {
            public static readonly System.Collections.Concurrent.ConcurrentQueue<string> Events = new();
            private partial async System.Threading.Tasks.ValueTask Call(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                try {
                    await System.Threading.Tasks.Task.Delay(c.Data.delayMs, c.Data.ignoreToken ? default : t);
                    if (c.Data.fail) throw new System.InvalidOperationException("payment service down");
                } catch (System.OperationCanceledException) {
                    Events.Enqueue(c.InstanceId + ":cancelled");
                    throw;
                }
                c.Data.log.Add("Call");
                c.Data.result = 42;
                Events.Enqueue(c.InstanceId + ":finished:" + t.IsCancellationRequested);
            }
        } }
        """;

    /// <summary>Start → Call → Done → End; an interrupting timer boundary Late on Call → Remind → Reminded.</summary>
    private static string OnCall(string task, string time, string variables = "") => Process($"""
            <bpmn:startEvent id="Start" />
            {task}
        {Service("Done")}
            <bpmn:endEvent id="End" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Call"><bpmn:timerEventDefinition><bpmn:timeDuration>{time}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        {Service("Remind")}
            <bpmn:endEvent id="Reminded" />
        {Seq("F1", "Start", "Call")}
        {Seq("F2", "Call", "Done")}
        {Seq("F3", "Done", "End")}
        {Seq("F4", "Late", "Remind")}
        {Seq("F5", "Remind", "Reminded")}
        """, variables);

    private static readonly string HandlerVariables = Variable("delayMs", "int") + Variable("ignoreToken", "bool") + Variable("fail", "bool") + Variable("result", "int");

    private static readonly Lazy<TestFlow> Short = new(() => TestFlow.Build(
        OnCall("""<bpmn:serviceTask id="Call" flow:handler="Call" />""", "PT0.2S", HandlerVariables), new[] { "Done", "Remind" }, CallHandler));

    private static readonly Lazy<TestFlow> Long = new(() => TestFlow.Build(
        OnCall("""<bpmn:serviceTask id="Call" flow:handler="Call" />""", "PT30S", HandlerVariables), new[] { "Done", "Remind" }, CallHandler));

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static FakeTimeProvider FakeClock(TestFlow flow)
    {
        var clock = new FakeTimeProvider(T0);
        flow.Process.Clock = clock;
        return clock;
    }

    /// <summary>
    /// Moves the clock in steps until the command ends: the timeout is armed right after the
    /// handler starts, on the engine's thread, so one jump made too early would be missed.
    /// </summary>
    private static async Task<IFlowInstance> AdvanceUntilDone(FakeTimeProvider clock, Task<IFlowInstance> command)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!command.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(command, Task.Delay(10));
        }

        return await command.WaitAsync(TimeSpan.Zero);
    }

    private static ConcurrentQueue<string> Events(TestFlow flow) =>
        (ConcurrentQueue<string>)flow.Assembly.Assembly.GetType("Flows.Under.Test.TestProcess", throwOnError: true)!.GetField("Events")!.GetValue(null)!;

    private static async Task<string> EventOf(TestFlow flow, string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Events(flow).FirstOrDefault(e => e.StartsWith(instanceId + ":", StringComparison.Ordinal)) is { } found)
            {
                return found[(instanceId.Length + 1)..];
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task A_handler_slower_than_the_timer_is_cancelled_and_the_token_goes_on_from_the_boundary()
    {
        var flow = Short.Value;
        var clock = FakeClock(flow);

        var instance = await AdvanceUntilDone(clock, flow.StartAsync(("delayMs", 10_000)));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Late", "Remind", "Reminded" }, instance.Trace);
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));
        Assert.Equal("cancelled", await EventOf(flow, instance.Id));
    }

    [Fact]
    public async Task The_late_result_of_a_handler_that_ignores_its_token_is_discarded()
    {
        var flow = Short.Value;
        var clock = FakeClock(flow);

        var instance = await AdvanceUntilDone(clock, flow.StartAsync(("delayMs", 600), ("ignoreToken", true)));
        Assert.Equal(new[] { "Start", "Late", "Remind", "Reminded" }, instance.Trace);

        // The handler finishes later, on its own copy of the data, with its token cancelled.
        Assert.Equal("finished:True", await EventOf(flow, instance.Id));
        Assert.Equal(0, TestFlow.Get<int>(instance, "result"));
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));
        Assert.DoesNotContain("\"result\":42", instance.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_finishes_in_time_keeps_its_result_and_the_timer_goes()
    {
        var flow = Long.Value;
        FakeClock(flow);   // never moved: the timer cannot be due

        var instance = await flow.StartAsync(("delayMs", 20)).WaitAsync(Patience);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Call", "Done", "End" }, instance.Trace);
        Assert.Equal(new[] { "Call", "Done" }, TestFlow.Log(instance));
        Assert.Equal(42, TestFlow.Get<int>(instance, "result"));
        Assert.Equal("finished:False", await EventOf(flow, instance.Id));
        Assert.Empty(instance.Timers);
    }

    [Fact]
    public async Task A_timeout_longer_than_a_timer_can_wait_lets_the_handler_finish()
    {
        var flow = TestFlow.Build(OnCall("""<bpmn:serviceTask id="Call" flow:handler="Call" />""", "P60D", HandlerVariables), new[] { "Done", "Remind" }, CallHandler);

        var instance = await flow.StartAsync(("delayMs", 50)).WaitAsync(Patience);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Call", "Done", "End" }, instance.Trace);
    }

    [Fact]
    public async Task A_handler_that_fails_in_time_fails_the_instance_at_its_task_as_without_the_timer()
    {
        var flow = Long.Value;
        FakeClock(flow);   // never moved: the timer cannot be due

        var instance = await flow.StartAsync(("delayMs", 20), ("fail", true)).WaitAsync(Patience);

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Call", instance.Failure!.NodeId);
        Assert.Contains("payment service down", instance.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "Start" }, instance.Trace);
        Assert.Empty(TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_timer_due_before_the_task_begins_takes_the_boundary_without_running_the_handler()
    {
        var flow = TestFlow.Build(
            OnCall("""<bpmn:serviceTask id="Call" flow:handler="Call" />""", "PT0S", HandlerVariables).Replace("timeDuration>PT0S</bpmn:timeDuration", "timeDate>2020-01-01T00:00:00Z</bpmn:timeDate", StringComparison.Ordinal),
            new[] { "Done", "Remind" }, CallHandler);

        var instance = await flow.StartAsync(("delayMs", 10)).WaitAsync(Patience);

        Assert.Equal(new[] { "Start", "Late", "Remind", "Reminded" }, instance.Trace);
        await Task.Delay(100);
        Assert.Empty(Events(flow));
    }

    [Fact]
    public async Task A_script_that_returns_after_the_timer_is_due_is_discarded_and_one_in_time_is_kept()
    {
        static TestFlow Script(string time) => TestFlow.Build(
            OnCall("""<bpmn:scriptTask id="Call" scriptFormat="csharp"><bpmn:script>System.Threading.Thread.Sleep(delayMs); log.Add("Call");</bpmn:script></bpmn:scriptTask>""", time, Variable("delayMs", "int")),
            new[] { "Done", "Remind" });

        var late = await Script("PT0.1S").StartAsync(("delayMs", 400)).WaitAsync(Patience);
        var inTime = await Script("PT30S").StartAsync(("delayMs", 1)).WaitAsync(Patience);

        Assert.Equal(new[] { "Start", "Late", "Remind", "Reminded" }, late.Trace);
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(late));
        Assert.Equal(new[] { "Start", "Call", "Done", "End" }, inTime.Trace);
        Assert.Equal(new[] { "Call", "Done" }, TestFlow.Log(inTime));
    }

    [Fact]
    public async Task A_non_interrupting_timer_on_a_task_that_runs_code_never_fires()
    {
        var flow = TestFlow.Build(
            OnCall("""<bpmn:serviceTask id="Call" flow:handler="Call" />""", "PT0.1S", HandlerVariables).Replace("<bpmn:boundaryEvent id=\"Late\" attachedToRef=\"Call\">", "<bpmn:boundaryEvent id=\"Late\" attachedToRef=\"Call\" cancelActivity=\"false\">", StringComparison.Ordinal),
            new[] { "Done", "Remind" }, new[] { CallHandler }, new[] { "FLOW1160" });

        var instance = await flow.StartAsync(("delayMs", 300)).WaitAsync(Patience);

        Assert.Equal(new[] { "Start", "Call", "Done", "End" }, instance.Trace);
        Assert.Equal(new[] { "Call", "Done" }, TestFlow.Log(instance));
    }
}
