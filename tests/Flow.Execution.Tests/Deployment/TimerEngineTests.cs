using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Flow.Instances;
using Flow.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Timers through the engine and the job runner on a fake clock: a catch event's job is saved with
/// its instance and fires once; timer start events are jobs of no instance, per latest version.
/// </summary>
public sealed class TimerEngineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<byte[]> WaitHour = new(() => TestDeployment.Compile("A", WithCatch("PT1H")));
    private static readonly Lazy<byte[]> EveryHourThrice = new(() => TestDeployment.Compile("A", WithStart("R3/PT1H")));
    private static readonly Lazy<byte[]> EveryTwoHours = new(() => TestDeployment.Compile("B", WithStart("R/PT2H")));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-timers-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryInstanceStore _store = new();

    public TimerEngineTests() => Directory.CreateDirectory(_root);

    /// <summary>Start → Mark → Wait (timer) → MarkAgain → End.</summary>
    private static string WithCatch(string duration) => Order(
        """<bpmn:startEvent id="Start" />""",
        $"""<bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>{duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""");

    /// <summary>Timer start (cycle) → Mark → a script → MarkAgain → End.</summary>
    private static string WithStart(string cycle) => Order(
        $"""<bpmn:startEvent id="Start"><bpmn:timerEventDefinition><bpmn:timeCycle>{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>""",
        """<bpmn:scriptTask id="Wait" scriptFormat="csharp"><bpmn:script>amount++;</bpmn:script></bpmn:scriptTask>""");

    private static string Order(string start, string middle) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
            </bpmn:extensionElements>
            {start}
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            {middle}
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="Wait" />
            <bpmn:sequenceFlow id="F3" sourceRef="Wait" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F4" sourceRef="MarkAgain" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A host: its own registry and engine over the shared store and clock, and a job runner.</summary>
    private (FlowEngine Engine, JobRunner Runner) Host(IInstanceStore? store = null)
    {
        var engine = new FlowEngine(new DeploymentRegistry(), store ?? _store) { Clock = _clock };
        return (engine, new JobRunner(_store, engine.JobHandlers, _clock, new JobRunnerOptions { Owner = "node-" + Guid.NewGuid().ToString("N") }));
    }

    private string Folder(int version, byte[] assembly) => TestDeployment.Write(_root, version, assembly);

    [Fact]
    public async Task A_waiting_timer_is_a_job_of_its_instance_and_fires_once_when_due()
    {
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, WaitHour.Value) });

        var started = await engine.StartAsync("order");

        Assert.Equal(InstanceStatus.Waiting, started.Status);
        var job = Assert.Single(await _store.ListAsync(started.Id));
        Assert.Equal(("timer", "Wait", T0.AddHours(1)), (job.Kind, job.NodeId, job.DueAt));
        Assert.Equal(0, await runner.RunDueAsync());

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await runner.RunDueAsync());

        var done = (await engine.GetAsync(started.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"marks\":[\"A\",\"A\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync());
        Assert.Equal(0, await runner.RunDueAsync());
    }

    [Fact]
    public async Task A_timer_due_while_no_host_ran_fires_when_a_new_host_starts()
    {
        var (first, _) = Host();
        await first.DeployAsync(new[] { Folder(1, WaitHour.Value) });
        var started = await first.StartAsync("order");

        // The first host is gone; three hours later another one starts, deploys the same content and runs jobs.
        _clock.Advance(TimeSpan.FromHours(3));
        var (second, runner) = Host();
        await second.DeployAsync(new[] { Folder(1, WaitHour.Value) });

        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Equal(InstanceStatus.Completed, (await second.GetAsync(started.Id))!.Status);
    }

    [Fact]
    public async Task A_timer_fired_on_a_stale_revision_changes_nothing_and_is_retried()
    {
        var racing = new RacingStore(_store);
        var (engine, _) = Host(racing);
        await engine.DeployAsync(new[] { Folder(1, WaitHour.Value) });
        var started = await engine.StartAsync("order");
        var job = Assert.Single(await _store.ListAsync(started.Id));
        var before = (await _store.LoadAsync(started.Id))!;

        racing.SaveBehindTheNextLoad = true;
        await Assert.ThrowsAsync<FlowConcurrencyException>(() => engine.FireTimerAsync(started.Id, job.Id));

        var after = (await _store.LoadAsync(started.Id))!;
        Assert.Equal(before.StateJson, after.StateJson);
        Assert.Equal(before.Revision + 1, after.Revision);   // only the other writer's save
        Assert.Equal(job.Id, Assert.Single(await _store.ListAsync(started.Id)).Id);
        Assert.True(await engine.FireTimerAsync(started.Id, job.Id));
        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(started.Id))!.Status);
    }

    [Fact]
    public async Task An_aborted_instance_leaves_no_timer_job()
    {
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, WaitHour.Value) });
        var started = await engine.StartAsync("order");

        Assert.True(await engine.AbortAsync(started.Id));

        Assert.Empty(await _store.ListAsync());
        Assert.DoesNotContain("Timers", (await _store.LoadAsync(started.Id))!.StateJson, StringComparison.Ordinal);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await runner.RunDueAsync());
    }

    [Fact]
    public async Task A_timer_start_cycle_starts_one_instance_per_occurrence_and_with_FireAll_catches_up_after_downtime()
    {
        var (engine, runner) = Host();
        engine.TimerMisfire = TimerMisfire.FireAll;   // the default fires once for missed occurrences (TimerMisfireEngineTests)
        await engine.DeployAsync(new[] { Folder(1, EveryHourThrice.Value) });
        var job = Assert.Single(await _store.ListAsync());
        Assert.Equal(("timer-start/order/Start", FlowEngine.TimerStartJobKind, T0.AddHours(1)), (job.Id, job.Kind, job.DueAt));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Single(await engine.QueryAsync(new InstanceQuery("order")));
        Assert.Equal(T0.AddHours(2), Assert.Single(await _store.ListAsync()).DueAt);

        // Down for five hours: the two occurrences left (R3) run now, one instance each, and the cycle ends.
        _clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(2, await runner.RunDueAsync());

        var instances = await engine.QueryAsync(new InstanceQuery("order"));
        Assert.Equal(3, instances.Count);
        Assert.All(instances, i => Assert.Equal(InstanceStatus.Completed, i.Status));
        Assert.Empty(await _store.ListAsync());
    }

    [Fact]
    public async Task The_same_start_timer_occurrence_run_twice_starts_one_instance()
    {
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, EveryHourThrice.Value) });
        _clock.Advance(TimeSpan.FromHours(1));
        var leased = Assert.Single(await _store.AcquireDueAsync("dying-node", _clock.GetUtcNow(), TimeSpan.FromMinutes(5), 10));
        var handler = engine.JobHandlers.Single(h => h.Kind == FlowEngine.TimerStartJobKind);

        await handler.RunAsync(leased, CancellationToken.None);   // the node dies before completing the job...
        await handler.RunAsync(leased, CancellationToken.None);   // ...and another runs the same occurrence again

        Assert.Single(await engine.QueryAsync(new InstanceQuery("order")));
    }

    [Fact]
    public async Task A_new_version_replaces_the_start_timer_and_undeploying_cancels_it()
    {
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, EveryHourThrice.Value) });
        await engine.DeployAsync(new[] { Folder(2, EveryTwoHours.Value) });

        var job = Assert.Single(await _store.ListAsync());
        Assert.Equal(T0.AddHours(2), job.DueAt);
        Assert.Contains("\"version\":2", job.Payload, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await runner.RunDueAsync());
        var instance = Assert.Single(await engine.QueryAsync(new InstanceQuery("order")));
        Assert.Equal(2, instance.DeploymentVersion);

        await engine.UndeployAsync(TestDeployment.Name);
        Assert.Empty(await _store.ListAsync());
    }

    [Fact]
    public async Task Redeploying_the_same_start_timer_on_a_new_host_keeps_its_due_time()
    {
        var (first, _) = Host();
        await first.DeployAsync(new[] { Folder(1, EveryHourThrice.Value) });
        _clock.Advance(TimeSpan.FromMinutes(50));

        var (second, _) = Host();
        await second.DeployAsync(new[] { Folder(1, EveryHourThrice.Value) });

        Assert.Equal(T0.AddHours(1), Assert.Single(await _store.ListAsync()).DueAt);
    }

    [Fact]
    [Trait("Fires", "FLOW6163")]
    public async Task A_start_timer_job_of_a_version_no_longer_registered_is_dropped_and_logged()
    {
        var logger = new ListLogger<FlowEngine>();
        var engine = new FlowEngine(new DeploymentRegistry(), _store) { Clock = _clock, Logger = logger };
        var runner = new JobRunner(_store, engine.JobHandlers, _clock);
        await _store.ScheduleAsync(new ScheduledJob("timer-start/order/Start", FlowEngine.TimerStartJobKind, T0)
        {
            NodeId = "Start",
            Payload = """{"deployment":"Gone.Flows","version":7,"key":"order","node":"Start","hash":"h","fired":0}""",
        });

        Assert.Equal(1, await runner.RunDueAsync());

        Assert.Empty(await _store.ListAsync());
        Assert.Empty(await engine.QueryAsync(new InstanceQuery()));
        var (level, message, _) = Assert.Single(logger.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, level);
        Assert.StartsWith("FLOW6163", message, StringComparison.Ordinal);
        Assert.Contains("Gone.Flows v7", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFlowRuntime_runs_timers_in_its_hosted_service_on_the_registered_clock()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_clock)
            .AddFlowRuntime()
            .BuildServiceProvider();
        var engine = services.GetRequiredService<FlowEngine>();
        var ran = new TaskCompletionSource<ScheduledJob>(TaskCreationOptions.RunContinuationsAsynchronously);
        services.GetRequiredService<JobRunner>().JobRan += job => ran.TrySetResult(job);
        var hosted = services.GetServices<IHostedService>().Single();
        await engine.DeployAsync(new[] { Folder(1, WaitHour.Value) });
        await hosted.StartAsync(CancellationToken.None);
        try
        {
            var started = await engine.StartAsync("order");

            _clock.Advance(TimeSpan.FromHours(1));
            var job = await ran.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(started.Id, job.InstanceId);
            Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(started.Id))!.Status);
        }
        finally
        {
            await hosted.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
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

    /// <summary>An instance store where another writer saves the instance right after the next load (a lost race).</summary>
    private sealed class RacingStore(InMemoryInstanceStore inner) : IInstanceStore
    {
        public bool SaveBehindTheNextLoad { get; set; }

        public async ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
        {
            var loaded = await inner.LoadAsync(id, cancellationToken);
            if (SaveBehindTheNextLoad && loaded is not null)
            {
                SaveBehindTheNextLoad = false;
                Assert.True(await inner.TrySaveAsync(loaded, loaded.Revision, cancellationToken));
            }

            return loaded;
        }

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default) =>
            inner.TrySaveAsync(instance, expectedRevision, cancellationToken);

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    }
}
