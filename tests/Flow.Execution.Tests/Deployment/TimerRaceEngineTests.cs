using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Boundary timers and timers after an event-based gateway through the engine and the job runner
/// on a fake clock: the timer is a job saved with its instance, and it goes when the token leaves.
/// </summary>
public sealed class TimerRaceEngineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Start → Review (user task) → MarkAgain → End; an interrupting timer Late (1 h) on Review → Mark → Late end.</summary>
    private static readonly Lazy<byte[]> ReviewWithTimeout = new(() => TestDeployment.Compile("A", Order("""
            <bpmn:userTask id="Review" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F3" sourceRef="Late" targetRef="Mark" />
        """)));

    /// <summary>Start → Which (event-based gateway) → the message "go" → MarkAgain → End, or a timer Timeout (1 h) → Mark → Late end.</summary>
    private static readonly Lazy<byte[]> GoOrTimeout = new(() => TestDeployment.Compile("A", Order("""
            <bpmn:eventBasedGateway id="Which" />
            <bpmn:intermediateCatchEvent id="Go"><bpmn:messageEventDefinition messageRef="Msg_Go" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Which" />
            <bpmn:sequenceFlow id="G1" sourceRef="Which" targetRef="Go" />
            <bpmn:sequenceFlow id="G2" sourceRef="Which" targetRef="Timeout" />
            <bpmn:sequenceFlow id="F2" sourceRef="Go" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F3" sourceRef="Timeout" targetRef="Mark" />
        """)));

    /// <summary>Start → Review (user task) → both MarkAgain and Mark, and a non-interrupting event sub-process started every 30 minutes, twice → Remind (handler Mark).</summary>
    private static readonly Lazy<byte[]> ReviewWithReminders = new(() => TestDeployment.Compile("A", Order("""
            <bpmn:userTask id="Review" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Fork" />
            <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F4" sourceRef="Fork" targetRef="Mark" />
            <bpmn:subProcess id="Reminders" triggeredByEvent="true">
              <bpmn:startEvent id="Every" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT30M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:serviceTask id="Remind" flow:handler="Mark" />
              <bpmn:endEvent id="Reminded" />
              <bpmn:sequenceFlow id="R1" sourceRef="Every" targetRef="Remind" />
              <bpmn:sequenceFlow id="R2" sourceRef="Remind" targetRef="Reminded" />
            </bpmn:subProcess>
        """)));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-timer-race-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryInstanceStore _store = new();

    public TimerRaceEngineTests() => Directory.CreateDirectory(_root);

    private static string Order(string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:message id="Msg_Go" name="go" />
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="LateEnd" />
            <bpmn:sequenceFlow id="E1" sourceRef="MarkAgain" targetRef="End" />
            <bpmn:sequenceFlow id="E2" sourceRef="Mark" targetRef="LateEnd" />
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<(FlowEngine Engine, JobRunner Runner)> Host(byte[] assembly)
    {
        var engine = new FlowEngine(new DeploymentRegistry(), _store) { Clock = _clock };
        await engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, assembly) });
        return (engine, new JobRunner(_store, engine.JobHandlers, _clock, new JobRunnerOptions { Owner = "node-" + Guid.NewGuid().ToString("N") }));
    }

    [Fact]
    public async Task A_boundary_timer_is_a_job_of_its_instance_and_interrupts_the_user_task_when_due()
    {
        var (engine, runner) = await Host(ReviewWithTimeout.Value);
        var started = await engine.StartAsync("order");

        var stored = (await _store.LoadAsync(started.Id))!;
        var job = Assert.Single(stored.Jobs);
        Assert.Equal(("timer", "Late", T0.AddHours(1), started.Id), (job.Kind, job.NodeId, job.DueAt, job.InstanceId));
        Assert.Equal(0, await runner.RunDueAsync());

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await runner.RunDueAsync());

        var done = (await engine.GetAsync(started.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(new[] { "Start", "Review", "Late", "Mark", "LateEnd" }, done.Trace);
        Assert.Empty(await _store.ListAsync());
    }

    [Fact]
    public async Task Completing_the_task_first_drops_the_boundary_timer_job()
    {
        var (engine, runner) = await Host(ReviewWithTimeout.Value);
        var started = await engine.StartAsync("order");

        var done = await engine.CompleteAsync(started.Id, "Review");

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Empty(await _store.ListAsync());
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(new[] { "Start", "Review", "MarkAgain", "End" }, (await engine.GetAsync(started.Id))!.Trace);
    }

    [Fact]
    public async Task The_clock_reaching_the_timer_first_wins_the_event_based_gateway_and_drops_the_message_subscription()
    {
        var (engine, runner) = await Host(GoOrTimeout.Value);
        var started = await engine.StartAsync("order");
        var waiting = (await _store.LoadAsync(started.Id))!;
        Assert.Equal(new[] { "Which" }, started.WaitingAt);
        Assert.Equal("Timeout", Assert.Single(waiting.Jobs).NodeId);
        Assert.Equal("go", Assert.Single(waiting.Subscriptions).Name);

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await runner.RunDueAsync());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await runner.RunDueAsync());

        var done = (await _store.LoadAsync(started.Id))!;
        Assert.Equal(new[] { "Start", "Which", "Timeout", "Mark", "LateEnd" }, (await engine.GetAsync(started.Id))!.Trace);
        Assert.Empty(done.Subscriptions);
        await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CorrelateAsync("go", null));   // nobody listens any more
    }

    [Fact]
    public async Task A_message_before_the_clock_reaches_the_timer_wins_the_event_based_gateway_and_drops_the_timer_job()
    {
        var (engine, runner) = await Host(GoOrTimeout.Value);
        var started = await engine.StartAsync("order");
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await runner.RunDueAsync());

        Assert.Single(await engine.CorrelateAsync("go", null));

        Assert.Empty(await _store.ListAsync());
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(new[] { "Start", "Which", "Go", "MarkAgain", "End" }, (await engine.GetAsync(started.Id))!.Trace);
    }

    [Fact]
    public async Task A_timer_started_event_sub_process_fires_per_cycle_occurrence_through_the_job_runner()
    {
        var (engine, runner) = await Host(ReviewWithReminders.Value);
        var started = await engine.StartAsync("order");
        var first = Assert.Single((await _store.LoadAsync(started.Id))!.Jobs);
        Assert.Equal(("Every", T0.AddMinutes(30)), (first.NodeId, first.DueAt));

        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await runner.RunDueAsync());
        var second = Assert.Single(await _store.ListAsync(started.Id));
        Assert.Equal(T0.AddMinutes(60), second.DueAt);

        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Empty(await _store.ListAsync());   // R2: the cycle is over

        var waiting = (await engine.GetAsync(started.Id))!;
        Assert.Equal(new[] { "Review" }, waiting.WaitingAt);
        Assert.Contains("\"marks\":[\"A\",\"A\"]", waiting.DataJson, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Completed, (await engine.CompleteAsync(started.Id, "Review")).Status);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // harmless temp folder
        }
    }
}
