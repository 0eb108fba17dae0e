using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;
using static Flow.Execution.Tests.Infrastructure.AsyncFlows;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// Job boundaries on a SQLite file (issue 13): the job is saved with the instance, so a host that
/// stops after the caller returned, or dies holding the job, leaves it for the next host; attempts
/// and the failed state are on disk.
/// </summary>
public sealed class AsyncRestartTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<byte[]> BeforeMark = new(() => Compile("A", Line(("Mark", "camunda:asyncBefore=\"true\""), ("MarkAgain", "")), "Mark", "MarkAgain"));

    private static readonly Lazy<byte[]> FlakyThrice = new(() => Compile("A",
        Line(("Flaky", "camunda:asyncBefore=\"true\" " + RetryCycle("R3/PT10S")), ("Mark", "")), "Flaky", "Mark"));

    private readonly TempDatabase _db = new();
    private readonly FixedTime _clock = new(T0);

    public void Dispose()
    {
        FailTimes(0);
        _db.Dispose();
    }

    /// <summary>A host: its own registry, store (on the one file), engine and job runner.</summary>
    private async Task<(SqliteInstanceStore Store, FlowEngine Engine, JobRunner Runner)> HostAsync(string folder)
    {
        var store = _db.Open(_clock);
        var engine = new FlowEngine(new DeploymentRegistry(), store) { Clock = _clock };
        await engine.DeployAsync(new[] { folder });
        return (store, engine, new JobRunner(store, engine.JobHandlers, _clock, new JobRunnerOptions { Owner = "host-" + Guid.NewGuid().ToString("N"), LeaseDuration = TimeSpan.FromMinutes(1) }));
    }

    [Fact]
    public async Task A_job_left_by_a_host_that_stopped_after_the_caller_returned_runs_on_the_next_host()
    {
        var folder = TestDeployment.Write(_db.Folder, 1, BeforeMark.Value);
        string id;
        var (store1, engine1, _) = await HostAsync(folder);
        using (store1)
        {
            var started = await engine1.StartAsync("order");
            Assert.Equal(InstanceStatus.Waiting, started.Status);
            id = started.Id;
        }

        var (store2, _, runner2) = await HostAsync(folder);
        using (store2)
        {
            Assert.Equal(ContinuationState.JobKind, Assert.Single(await store2.ListAsync(id)).Kind);
            Assert.Equal(1, await runner2.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            var done = (await store2.LoadAsync(id))!;
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"marks\":[\"A:Mark\",\"A:MarkAgain\"]", done.StateJson, StringComparison.Ordinal);
            Assert.Empty(await store2.ListAsync(id));
        }
    }

    [Fact]
    public async Task A_job_whose_host_died_holding_it_runs_elsewhere_when_the_lease_expires()
    {
        var folder = TestDeployment.Write(_db.Folder, 1, BeforeMark.Value);
        var (store1, engine1, _) = await HostAsync(folder);
        string id;
        using (store1)
        {
            id = (await engine1.StartAsync("order")).Id;

            // The host leases the job and dies before running it: nothing else of it is written.
            Assert.Single(await store1.AcquireDueAsync("dead-host", _clock.GetUtcNow(), TimeSpan.FromMinutes(1), 10));
        }

        var (store2, _, runner2) = await HostAsync(folder);
        using (store2)
        {
            Assert.Equal(0, await runner2.RunDueAsync());   // still leased
            _clock.Now += TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1);
            Assert.Equal(1, await runner2.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(InstanceStatus.Completed, (await store2.LoadAsync(id))!.Status);
        }
    }

    [Fact]
    public async Task Attempts_survive_a_restart_and_the_last_one_leaves_the_instance_failed_on_disk()
    {
        var folder = TestDeployment.Write(_db.Folder, 1, FlakyThrice.Value);
        FailTimes(10);
        string id;
        var (store1, engine1, runner1) = await HostAsync(folder);
        using (store1)
        {
            id = (await engine1.StartAsync("order")).Id;
            Assert.Equal(1, await runner1.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var (store2, engine2, runner2) = await HostAsync(folder);
        using (store2)
        {
            var job = Assert.Single(await store2.ListAsync(id));
            Assert.Equal(1, job.Attempts);
            Assert.Equal(InstanceStatus.Waiting, (await store2.LoadAsync(id))!.Status);
            for (var attempt = 2; attempt <= 3; attempt++)
            {
                _clock.Now += TimeSpan.FromSeconds(10);
                Assert.Equal(1, await runner2.RunDueAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            }

            var failed = (await engine2.GetAsync(id))!;
            Assert.Equal((InstanceStatus.Failed, "Flaky"), (failed.Status, failed.Failure!.NodeId));
            Assert.Empty(await store2.ListAsync(id));
        }

        using var reopened = _db.Open(_clock);
        Assert.Equal(InstanceStatus.Failed, (await reopened.LoadAsync(id))!.Status);
    }
}
