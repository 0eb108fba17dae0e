using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// A timer start cycle whose host was down (timer12): by default (<see cref="TimerMisfire.FireOnce"/>)
/// the missed occurrences start one instance, late, and the cycle goes on with its next occurrence
/// in the future, the skipped ones counted against R/n; <see cref="TimerMisfire.FireAll"/> starts
/// one per missed occurrence.
/// </summary>
public sealed class TimerMisfireEngineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<byte[]> EverySecond = new(() => TestDeployment.Compile("A", WithStart("R/PT1S")));
    private static readonly Lazy<byte[]> FiveHourly = new(() => TestDeployment.Compile("A", WithStart("R5/PT1H")));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-misfire-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryInstanceStore _store = new();

    public TimerMisfireEngineTests() => Directory.CreateDirectory(_root);

    /// <summary>Timer start (cycle) → Mark → a script → MarkAgain → End.</summary>
    private static string WithStart(string cycle) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start"><bpmn:timerEventDefinition><bpmn:timeCycle>{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:scriptTask id="Wait" scriptFormat="csharp"><bpmn:script>amount++;</bpmn:script></bpmn:scriptTask>
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="Wait" />
            <bpmn:sequenceFlow id="F3" sourceRef="Wait" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F4" sourceRef="MarkAgain" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<(FlowEngine Engine, JobRunner Runner)> HostAsync(byte[] assembly, TimerMisfire misfire = TimerMisfire.FireOnce)
    {
        var engine = new FlowEngine(new DeploymentRegistry(), _store) { Clock = _clock, TimerMisfire = misfire };
        await engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, assembly) }).WaitAsync(Timeout);
        return (engine, new JobRunner(_store, engine.JobHandlers, _clock, new JobRunnerOptions { Owner = "node-" + Guid.NewGuid().ToString("N") }));
    }

    private async Task<int> InstancesAsync(FlowEngine engine) => (await engine.QueryAsync(new InstanceQuery("order"))).Count;

    [Fact]
    public async Task An_every_second_cycle_after_an_hour_down_starts_one_late_instance_then_one_per_second()
    {
        var (engine, runner) = await HostAsync(EverySecond.Value);
        Assert.Equal(T0.AddSeconds(1), Assert.Single(await _store.ListAsync()).DueAt);

        _clock.Advance(TimeSpan.FromHours(1));   // no runner ran: 3,600 occurrences are due

        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
        Assert.Equal(1, await InstancesAsync(engine));
        var next = Assert.Single(await _store.ListAsync());
        Assert.Equal(T0.AddHours(1).AddSeconds(1), next.DueAt);   // the first occurrence in the future, on the cycle's grid
        Assert.Contains("\"fired\":3600", next.Payload, StringComparison.Ordinal);

        for (var second = 1; second <= 3; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
            Assert.Equal(1 + second, await InstancesAsync(engine));
        }
    }

    [Fact]
    public async Task An_R5_cycle_that_missed_three_fires_once_late_then_the_two_left()
    {
        var (engine, runner) = await HostAsync(FiveHourly.Value);

        _clock.Advance(TimeSpan.FromHours(3.5));   // T0+1h, +2h, +3h missed

        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
        var next = Assert.Single(await _store.ListAsync());
        Assert.Equal(T0.AddHours(4), next.DueAt);
        Assert.Contains("\"fired\":3", next.Payload, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromHours(0.5));
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));

        Assert.Empty(await _store.ListAsync());   // five occurrences consumed: three instances, the cycle is over
        _clock.Advance(TimeSpan.FromHours(10));
        Assert.Equal(0, await runner.RunDueAsync().WaitAsync(Timeout));
        Assert.Equal(3, await InstancesAsync(engine));
    }

    [Fact]
    public async Task An_R5_cycle_down_past_its_end_fires_once_and_is_over()
    {
        var (engine, runner) = await HostAsync(FiveHourly.Value);

        _clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
        Assert.Empty(await _store.ListAsync());
        Assert.Equal(1, await InstancesAsync(engine));
    }

    [Fact]
    public async Task A_cycle_on_time_is_unchanged_by_the_misfire_policy()
    {
        var (engine, runner) = await HostAsync(FiveHourly.Value);

        for (var hour = 1; hour <= 5; hour++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
            if (hour < 5)
            {
                var next = Assert.Single(await _store.ListAsync());
                Assert.Equal(T0.AddHours(hour + 1), next.DueAt);
                Assert.Contains($"\"fired\":{hour}", next.Payload, StringComparison.Ordinal);
            }
        }

        Assert.Empty(await _store.ListAsync());
        Assert.Equal(5, await InstancesAsync(engine));
    }

    [Fact]
    public async Task With_FireAll_an_R5_cycle_that_missed_three_starts_one_instance_per_missed_occurrence()
    {
        var (engine, runner) = await HostAsync(FiveHourly.Value, TimerMisfire.FireAll);

        _clock.Advance(TimeSpan.FromHours(3.5));

        Assert.Equal(3, await runner.RunDueAsync().WaitAsync(Timeout));
        Assert.Equal(T0.AddHours(4), Assert.Single(await _store.ListAsync()).DueAt);
        Assert.Equal(3, await InstancesAsync(engine));
    }

    [Theory]
    [InlineData(TimerMisfire.FireOnce, 1, 4)]
    [InlineData(TimerMisfire.FireAll, 3, 4)]
    public async Task The_engine_policy_reaches_a_non_interrupting_boundary_cycle_of_an_instance(TimerMisfire misfire, int firings, int nextDueMinutes)
    {
        var (engine, runner) = await HostAsync(BoundaryEveryMinute.Value, misfire);
        var started = await engine.StartAsync("order");
        Assert.Equal(T0.AddMinutes(1), Assert.Single(await _store.ListAsync(started.Id)).DueAt);

        _clock.Advance(TimeSpan.FromMinutes(3.5));   // T0+1m, +2m, +3m missed

        Assert.Equal(firings, await runner.RunDueAsync().WaitAsync(Timeout));
        Assert.Equal(T0.AddMinutes(nextDueMinutes), Assert.Single(await _store.ListAsync(started.Id)).DueAt);
        Assert.Equal(new[] { "Review" }, (await engine.GetAsync(started.Id))!.WaitingAt);
    }

    private static readonly Lazy<byte[]> BoundaryEveryMinute = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/order.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs">
          <bpmn:process id="order" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R5/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="Reminded" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Late" targetRef="Reminded" />
          </bpmn:process>
        </bpmn:definitions>
        """) }, Array.Empty<string>()));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a loaded assembly's file still open; a temp folder left behind is harmless
        }
    }
}
