using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>Leased jobs: due first, one owner per job (also between nodes asking at once), expired leases taken over, complete/fail checked against the lease.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlJobStoreTests(PostgreSqlFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly string _database = fixture.NewDatabase();
    private readonly List<PostgreSqlInstanceStore> _stores = new();

    private PostgreSqlInstanceStore Open()
    {
        var store = new PostgreSqlInstanceStore(_database);
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    [Fact]
    public async Task Due_jobs_are_leased_earliest_first_up_to_max_and_not_again_while_the_lease_holds()
    {
        var store = Open();
        await store.ScheduleAsync(new ScheduledJob("later", "timer", T0.AddMinutes(2)));
        await store.ScheduleAsync(new ScheduledJob("b", "timer", T0));
        await store.ScheduleAsync(new ScheduledJob("a", "timer", T0));
        await store.ScheduleAsync(new ScheduledJob("first", "timer", T0.AddMinutes(-1)) { Payload = "{}" });

        var leased = await store.AcquireDueAsync("node-a", T0, Lease, 2);
        Assert.Equal(["first", "a"], leased.Select(l => l.Job.Id));
        Assert.All(leased, l => Assert.Equal(("node-a", T0 + Lease), (l.Owner, l.LeaseExpiresAt)));
        Assert.Equal("{}", leased[0].Job.Payload);

        Assert.Equal(["b"], (await store.AcquireDueAsync("node-b", T0.AddSeconds(30), Lease, 10)).Select(l => l.Job.Id));
        Assert.Empty(await store.AcquireDueAsync("node-b", T0.AddSeconds(59), Lease, 10));
        Assert.Equal(T0.AddMinutes(-1), await store.NextDueAsync()); // held jobs count too
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_the_old_owner_can_no_longer_complete_or_fail_it()
    {
        var store = Open();
        await store.ScheduleAsync(new ScheduledJob("j", "timer", T0));
        var first = Assert.Single(await store.AcquireDueAsync("node-a", T0, Lease, 1));

        var second = Assert.Single(await store.AcquireDueAsync("node-b", T0 + Lease, Lease, 1));
        Assert.Equal("node-b", second.Owner);

        Assert.False(await store.CompleteAsync(first));
        Assert.False(await store.FailAsync(first, T0, "late"));
        Assert.True(await store.CompleteAsync(second));
        Assert.Empty(await store.ListAsync());
        Assert.False(await store.CompleteAsync(second));
    }

    [Fact]
    public async Task A_failed_job_counts_the_attempt_and_is_due_again_at_the_retry_or_kept_not_runnable()
    {
        var store = Open();
        await store.ScheduleAsync(new ScheduledJob("retry", "timer", T0));
        await store.ScheduleAsync(new ScheduledJob("give-up", "timer", T0));
        var leased = await store.AcquireDueAsync("node-a", T0, Lease, 10);

        Assert.True(await store.FailAsync(leased.Single(l => l.Job.Id == "retry"), T0.AddMinutes(10), "boom"));
        Assert.True(await store.FailAsync(leased.Single(l => l.Job.Id == "give-up"), null, "fatal"));

        var jobs = (await store.ListAsync()).ToDictionary(j => j.Id);
        Assert.Equal((1, "boom", T0.AddMinutes(10)), (jobs["retry"].Attempts, jobs["retry"].LastError, jobs["retry"].DueAt));
        Assert.Equal((1, "fatal"), (jobs["give-up"].Attempts, jobs["give-up"].LastError));
        Assert.Equal(T0.AddMinutes(10), await store.NextDueAsync());
        Assert.Empty(await store.AcquireDueAsync("node-b", T0.AddMinutes(9), Lease, 10));
        Assert.Equal(["retry"], (await store.AcquireDueAsync("node-b", T0.AddDays(1), Lease, 10)).Select(l => l.Job.Id));
    }

    [Fact]
    public async Task Schedule_replaces_by_id_releasing_the_lease_and_cancel_removes_whoever_holds_it()
    {
        var store = Open();
        await store.ScheduleAsync(new ScheduledJob("j", "timer", T0));
        var leased = Assert.Single(await store.AcquireDueAsync("node-a", T0, Lease, 1));
        await store.ScheduleAsync(new ScheduledJob("j", "timer-start", T0.AddHours(1)));

        Assert.False(await store.CompleteAsync(leased));
        var job = Assert.Single(await store.ListAsync());
        Assert.Equal(("timer-start", T0.AddHours(1)), (job.Kind, job.DueAt));
        Assert.Equal(T0.AddHours(1), await store.NextDueAsync());

        Assert.True(await store.CancelAsync("j"));
        Assert.False(await store.CancelAsync("j"));
        Assert.Null(await store.NextDueAsync());
    }

    [Fact]
    public async Task Two_nodes_acquiring_at_once_never_get_the_same_job_and_together_get_all()
    {
        var setup = Open();
        const int count = 300;
        for (var n = 0; n < count; n++)
        {
            await setup.ScheduleAsync(new ScheduledJob($"job-{n:D3}", "timer", T0.AddMilliseconds(n)));
        }

        var nodes = new[] { Open(), Open(), Open() }; // separate pools: separate connections
        var taken = await Task.WhenAll(nodes.Select((store, n) => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var leased = await store.AcquireDueAsync($"node-{n}", T0.AddSeconds(1), Lease, 7);
                if (leased.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(leased.Select(l => l.Job.Id));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        var all = taken.SelectMany(t => t).ToList();
        Assert.Equal(count, all.Count);
        Assert.Equal(count, all.Distinct().Count());
    }

    [Fact]
    public async Task Jobs_of_an_instance_saved_with_it_are_leased_like_any_other()
    {
        var store = Open();
        await store.TrySaveAsync(Instances.Waiting("i") with { Jobs = [new ScheduledJob("i/t", "timer", T0) { NodeId = "Timer" }] }, 0);
        var leased = Assert.Single(await store.AcquireDueAsync("node-a", T0, Lease, 5));
        Assert.Equal(("i", "Timer"), (leased.Job.InstanceId, leased.Job.NodeId));

        // the job's handler saves the instance past the timer: the job goes with that save
        await store.TrySaveAsync(Instances.Waiting("i"), 1);
        Assert.False(await store.CompleteAsync(leased));
        Assert.Empty(await store.ListAsync("i"));
    }
}
