using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Infrastructure.AsyncFlows;

namespace Flow.Execution.Tests.Async;

/// <summary>
/// Job boundaries through the engine and the job runner, in memory, on a fake clock: the caller
/// gets control back at the boundary; the job goes on in its own transaction, is retried as the
/// boundary says, and fails the instance (visibly, retryably) after its last attempt.
/// </summary>
public sealed class AsyncEngineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<byte[]> BeforeAndAfter = new(() => Compile("A",
        Line(("Mark", "camunda:asyncBefore=\"true\""), ("MarkAgain", "camunda:asyncAfter=\"true\"")), "Mark", "MarkAgain"));

    private static readonly Lazy<byte[]> FlakyThrice = new(() => Compile("A",
        Line(("Flaky", "camunda:asyncBefore=\"true\" " + RetryCycle("R3/PT10S")), ("Mark", "")), "Flaky", "Mark"));

    private static readonly Lazy<byte[]> FlakyDefault = new(() => Compile("A", Line(("Flaky", "camunda:async=\"true\"")), "Flaky"));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-async-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryInstanceStore _store = new();

    public AsyncEngineTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        FailTimes(0);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private (FlowEngine Engine, JobRunner Runner) Host()
    {
        var engine = new FlowEngine(new DeploymentRegistry(), _store) { Clock = _clock };
        return (engine, new JobRunner(_store, engine.JobHandlers, _clock, new JobRunnerOptions { Owner = "node-" + Guid.NewGuid().ToString("N") }));
    }

    private string Folder(int version, byte[] assembly) => TestDeployment.Write(_root, version, assembly);

    private static string Marks(InstanceSnapshot snapshot) => snapshot.DataJson;

    [Fact]
    public async Task The_caller_gets_control_at_the_boundary_and_the_job_runs_the_rest_in_its_own_transactions()
    {
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, BeforeAndAfter.Value) });

        var started = await engine.StartAsync("order");

        Assert.Equal(InstanceStatus.Waiting, started.Status);
        Assert.DoesNotContain("A:Mark", started.DataJson, StringComparison.Ordinal);   // the handler has not run
        var job = Assert.Single(await _store.ListAsync(started.Id));
        Assert.Equal((ContinuationState.JobKind, "Mark", T0), (job.Kind, job.NodeId, job.DueAt));
        var revision = (await _store.LoadAsync(started.Id))!.Revision;

        // Before Mark, then after MarkAgain: two jobs, each its own save.
        Assert.Equal(2, await runner.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        var done = (await engine.GetAsync(started.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"marks\":[\"A:Mark\",\"A:MarkAgain\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Equal(revision + 2, (await _store.LoadAsync(started.Id))!.Revision);
        Assert.Empty(await _store.ListAsync(started.Id));
    }

    [Fact]
    public async Task A_failing_job_is_retried_as_its_cycle_says_then_fails_the_instance_which_a_retry_schedules_again()
    {
        var (engine, runner) = Host();
        var dead = new List<DeadJob>();
        runner.JobDead += dead.Add;
        await engine.DeployAsync(new[] { Folder(1, FlakyThrice.Value) });
        FailTimes(10);
        var id = (await engine.StartAsync("order")).Id;
        var revision = (await _store.LoadAsync(id))!.Revision;

        // R3/PT10S: attempts 1 and 2 fail and change nothing; each next one is due 10 s later.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(1, await runner.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            var job = Assert.Single(await _store.ListAsync(id));
            Assert.Equal((attempt, _clock.GetUtcNow().AddSeconds(10)), (job.Attempts, job.DueAt));
            Assert.StartsWith("flaky", job.LastError, StringComparison.Ordinal);
            Assert.Equal(revision, (await _store.LoadAsync(id))!.Revision);
            Assert.Equal(0, await runner.RunDueAsync());   // not due yet
            _clock.Advance(TimeSpan.FromSeconds(10));
        }

        // The third and last: the instance is saved failed at the task, visible as any failure; the job is gone.
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        var failed = (await engine.GetAsync(id))!;
        Assert.Equal(InstanceStatus.Failed, failed.Status);
        Assert.Equal("Flaky", failed.Failure!.NodeId);
        Assert.StartsWith("flaky", failed.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync(id));
        Assert.Empty(dead);

        // Retrying puts the token before the boundary again: a new job with fresh attempts.
        FailTimes(0);
        var retried = await engine.RetryAsync(id);
        Assert.Equal(InstanceStatus.Waiting, retried.Status);
        Assert.Equal(0, Assert.Single(await _store.ListAsync(id)).Attempts);
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        var done = (await engine.GetAsync(id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"marks\":[\"A:Flaky\",\"A:Mark\"]", done.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_cycle_a_job_gets_three_attempts_with_the_runners_delay()
    {
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, FlakyDefault.Value) });
        FailTimes(2);
        var id = (await engine.StartAsync("order")).Id;

        await runner.RunDueAsync();
        _clock.Advance(new JobRunnerOptions().RetryAfter(1));
        await runner.RunDueAsync();
        Assert.Equal(2, Assert.Single(await _store.ListAsync(id)).Attempts);
        _clock.Advance(new JobRunnerOptions().RetryAfter(2));
        await runner.RunDueAsync();

        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Jobs_of_one_instance_run_by_two_runners_at_once_both_take_effect_one_after_the_other()
    {
        var bpmn = Parallel(("Left", "camunda:asyncBefore=\"true\""), ("Right", "camunda:asyncBefore=\"true\""));
        var assembly = Compile("A", bpmn, "Left", "Right");
        var (engine1, runner1) = Host();
        var (engine2, runner2) = Host();
        await engine1.DeployAsync(new[] { Folder(1, assembly) });
        await engine2.DeployAsync(new[] { Folder(1, assembly) });

        for (var round = 0; round < 10; round++)
        {
            var id = (await engine1.StartAsync("order")).Id;
            Assert.Equal(2, (await _store.ListAsync(id)).Count);

            // Each runner leases one job of the same instance; both save, one after reading the other's save.
            var left = Task.Run(async () => { await Task.Yield(); return await runner1.RunDueAsync(); });
            var right = Task.Run(async () => { await Task.Yield(); return await runner2.RunDueAsync(); });
            await Task.WhenAll(left, right).WaitAsync(TimeSpan.FromSeconds(30));

            var done = (await engine1.GetAsync(id))!;
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("A:Left", done.DataJson, StringComparison.Ordinal);
            Assert.Contains("A:Right", done.DataJson, StringComparison.Ordinal);
            Assert.Empty(await _store.ListAsync(id));
        }
    }

    [Theory]
    [InlineData(1, 10, "[\"A:High\",\"A:Low\"]")]
    [InlineData(10, 1, "[\"A:Low\",\"A:High\"]")]
    public async Task Jobs_due_together_run_by_priority(int low, int high, string marks)
    {
        var bpmn = Parallel(("Low", $"camunda:asyncBefore=\"true\" camunda:jobPriority=\"{low}\""), ("High", $"camunda:asyncBefore=\"true\" camunda:jobPriority=\"{high}\""));
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, Compile("A", bpmn, "Low", "High")) });
        var id = (await engine.StartAsync("order")).Id;

        await runner.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("\"marks\":" + marks, (await engine.GetAsync(id))!.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_waiting_at_a_boundary_migrates_to_a_version_with_it_and_is_refused_by_one_without()
    {
        var (engine, runner) = Host();
        await engine.DeployAsync(new[] { Folder(1, BeforeAndAfter.Value) });
        var id = (await engine.StartAsync("order")).Id;
        var jobId = Assert.Single(await _store.ListAsync(id)).Id;

        // v2 has no boundary before Mark: refused, nothing changes.
        await engine.DeployAsync(new[] { Folder(2, Compile("B", Line(("Mark", ""), ("MarkAgain", "camunda:asyncAfter=\"true\"")), "Mark", "MarkAgain")) });
        var before = (await _store.LoadAsync(id))!;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.MigrateAsync(id));
        Assert.StartsWith(AsyncErrors.MigrationRefused, refused.Message, StringComparison.Ordinal);
        Assert.Contains("'Mark'", refused.Message, StringComparison.Ordinal);
        Assert.Equal((before.Revision, before.DeploymentVersion), ((await _store.LoadAsync(id))!.Revision, (await _store.LoadAsync(id))!.DeploymentVersion));

        // v3 keeps it (Mark renamed Check, mapped by id): the job stays and runs on v3.
        await engine.DeployAsync(new[] { Folder(3, Compile("C", Line(("Check", "camunda:asyncBefore=\"true\""), ("MarkAgain", "")), "Check", "MarkAgain")) });
        var migrated = await engine.MigrateAsync(id, new Dictionary<string, string> { ["Mark"] = "Check" });
        Assert.Equal(3, migrated.DeploymentVersion);
        Assert.Equal(jobId, Assert.Single(await _store.ListAsync(id)).Id);   // the same job (it keeps its lease, attempts and settings)

        await runner.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var done = (await engine.GetAsync(id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"marks\":[\"C:Check\",\"C:MarkAgain\"]", done.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_whose_instance_another_command_saved_first_reads_it_again_without_counting_an_attempt()
    {
        var racing = new RacingStore(_store);
        var engine = new FlowEngine(new DeploymentRegistry(), racing) { Clock = _clock };
        var runner = new JobRunner(_store, engine.JobHandlers, _clock);
        await engine.DeployAsync(new[] { Folder(1, BeforeAndAfter.Value) });
        var id = (await engine.StartAsync("order")).Id;

        racing.RaceNextSave = true;
        Assert.Equal(2, await runner.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, racing.Raced);
        var done = (await engine.GetAsync(id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"marks\":[\"A:Mark\",\"A:MarkAgain\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync(id));
    }

    /// <summary>A store where, once armed, another command saves the instance just before the next save (which then finds a newer revision).</summary>
    private sealed class RacingStore(InMemoryInstanceStore inner) : IInstanceStore
    {
        public bool RaceNextSave { get; set; }

        public int Raced { get; private set; }

        public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default) => inner.LoadAsync(id, cancellationToken);

        public async ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
        {
            if (RaceNextSave)
            {
                RaceNextSave = false;
                var current = (await inner.LoadAsync(instance.Id, cancellationToken))!;
                Assert.True(await inner.TrySaveAsync(current with { Revision = current.Revision + 1 }, current.Revision, cancellationToken));
                Raced++;
            }

            return await inner.TrySaveAsync(instance, expectedRevision, cancellationToken);
        }

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    }
}
