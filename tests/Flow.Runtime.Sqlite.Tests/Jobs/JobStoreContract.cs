using Flow.Instances;
using Flow.Jobs;

namespace Flow.Runtime.Sqlite.Tests.Jobs;

/// <summary>
/// What every store that keeps jobs and subscriptions with its instances must do (IJobStore,
/// StoredInstance.Jobs/Subscriptions, InstanceQuery.Subscribed); run against the in-memory
/// store and the SQLite store so both behave alike.
/// </summary>
public abstract class JobStoreContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>A store (instances and jobs on one database).</summary>
    protected abstract IInstanceStore Create();

    /// <summary>A second store on the same data (another connection pool on the same file, or the same object in memory).</summary>
    protected abstract IInstanceStore Reopen();

    public abstract void Dispose();

    private static IJobStore Jobs(IInstanceStore store) => (IJobStore)store;

    private static ScheduledJob Job(string id, int minutes, string kind = "timer") => new(id, kind, T0.AddMinutes(minutes)) { NodeId = "Timer_" + id, Payload = "{\"n\":1}" };

    [Fact]
    public async Task Jobs_saved_with_an_instance_are_replaced_as_a_set_and_a_kept_job_keeps_its_lease_and_attempts()
    {
        var store = Create();
        var instance = Instances.Waiting("i-1") with { Jobs = [Job("a", 1), Job("b", 20)] };
        Assert.True(await store.TrySaveAsync(instance, 0));
        Assert.Equal(["a", "b"], (await Jobs(store).ListAsync("i-1")).Select(j => j.Id));
        Assert.All(await Jobs(store).ListAsync("i-1"), j => Assert.Equal("i-1", j.InstanceId));

        var leased = Assert.Single(await Jobs(store).AcquireDueAsync("node-1", T0.AddMinutes(1), Lease, 10));
        Assert.Equal("a", leased.Job.Id);
        Assert.True(await Jobs(store).FailAsync(leased, T0.AddMinutes(3), "boom"));
        var again = Assert.Single(await Jobs(store).AcquireDueAsync("node-1", T0.AddMinutes(3), Lease, 1));

        // b goes, a stays (leased, one attempt), c comes
        Assert.True(await store.TrySaveAsync(instance with { Jobs = [Job("a", 1), Job("c", 4)] }, 1));
        var jobs = await Jobs(store).ListAsync("i-1");
        Assert.Equal(["a", "c"], jobs.Select(j => j.Id));
        Assert.Equal(1, jobs[0].Attempts);
        Assert.Equal("boom", jobs[0].LastError);
        Assert.Equal(T0.AddMinutes(3), jobs[0].DueAt);
        Assert.True(await Jobs(store).CompleteAsync(again));

        Assert.True(await store.TrySaveAsync(instance with { Jobs = [] }, 2));
        Assert.Empty(await Jobs(store).ListAsync("i-1"));
    }

    [Fact]
    public async Task A_loaded_instance_carries_its_jobs_and_subscriptions()
    {
        var store = Create();
        var subscription = new EventSubscription(SubscriptionKind.Message, "paid", "order-7", "Catch_Paid");
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i-1") with { Jobs = [Job("a", 1)], Subscriptions = [subscription] }, 0));

        var loaded = (await store.LoadAsync("i-1"))!;

        Assert.Equal("a", Assert.Single(loaded.Jobs).Id);
        Assert.Equal(T0.AddMinutes(1), loaded.Jobs[0].DueAt);
        Assert.Equal("{\"n\":1}", loaded.Jobs[0].Payload);
        Assert.Equal(subscription, Assert.Single(loaded.Subscriptions));
        Assert.Equal(subscription, Assert.Single(Assert.Single(await store.QueryAsync(new InstanceQuery())).Subscriptions));
    }

    [Fact]
    public async Task A_refused_save_writes_no_jobs_and_no_subscriptions()
    {
        var store = Create();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i-1"), 0));

        var stale = Instances.Waiting("i-1") with { Jobs = [Job("a", 1)], Subscriptions = [new(SubscriptionKind.Signal, "stop", null, "Catch_Stop")] };
        Assert.False(await store.TrySaveAsync(stale, 0));
        Assert.False(await store.TrySaveAsync(stale, 2));

        Assert.Empty(await Jobs(store).ListAsync());
        Assert.Empty(await store.QueryAsync(new InstanceQuery { Subscribed = new(SubscriptionKind.Signal, "stop") }));
    }

    [Fact]
    public async Task Deleting_an_instance_removes_its_jobs_and_subscriptions_but_not_a_job_of_no_instance()
    {
        var store = Create();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i-1") with { Jobs = [Job("a", 1)], Subscriptions = [new(SubscriptionKind.Signal, "stop", null, "Catch_Stop")] }, 0));
        await Jobs(store).ScheduleAsync(Job("start", 1, "timer-start"));

        Assert.True(await store.DeleteAsync("i-1"));

        Assert.Equal(["start"], (await Jobs(store).ListAsync()).Select(j => j.Id));
        Assert.Empty(await store.QueryAsync(new InstanceQuery { Subscribed = new(SubscriptionKind.Signal, "stop") }));
    }

    [Fact]
    public async Task Subscribed_finds_message_subscribers_by_name_and_key_and_signal_listeners_and_follows_each_save()
    {
        var store = Create();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("keyed") with { Subscriptions = [new(SubscriptionKind.Message, "paid", "order-1", "Catch")] }, 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("other-key") with { Subscriptions = [new(SubscriptionKind.Message, "paid", "order-2", "Catch")] }, 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("any-key") with { Subscriptions = [new(SubscriptionKind.Message, "paid", null, "Catch")] }, 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("signal") with { Subscriptions = [new(SubscriptionKind.Signal, "paid", null, "Catch"), new(SubscriptionKind.Signal, "stop", null, "Stop")] }, 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("none", key: "invoice"), 0));

        async Task<IEnumerable<string>> Ids(SubscriptionFilter filter, string? processKey = null) =>
            (await store.QueryAsync(new InstanceQuery(ProcessKey: processKey) { Subscribed = filter })).Select(i => i.Id);

        Assert.Equal(["any-key", "keyed"], await Ids(new(SubscriptionKind.Message, "paid", "order-1")));
        Assert.Equal(["any-key", "keyed", "other-key"], await Ids(new(SubscriptionKind.Message, "paid")));
        Assert.Equal(["signal"], await Ids(new(SubscriptionKind.Signal, "paid")));
        Assert.Equal(["signal"], await Ids(new(SubscriptionKind.Signal, "stop")));
        Assert.Empty(await Ids(new(SubscriptionKind.Message, "shipped")));
        Assert.Empty(await Ids(new(SubscriptionKind.Signal, "stop"), processKey: "invoice"));

        // the next save replaces the set
        Assert.True(await store.TrySaveAsync(Instances.Waiting("signal") with { Subscriptions = [new(SubscriptionKind.Signal, "stop", null, "Stop")] }, 1));
        Assert.Empty(await Ids(new(SubscriptionKind.Signal, "paid")));
        Assert.Equal(["signal"], await Ids(new(SubscriptionKind.Signal, "stop")));
    }

    [Fact]
    public async Task Acquire_leases_free_due_jobs_earliest_first_up_to_max_and_an_expired_lease_is_taken_over()
    {
        var store = Jobs(Create());
        await store.ScheduleAsync(Job("late", 30));
        await store.ScheduleAsync(Job("second", 2));
        await store.ScheduleAsync(Job("first", 1));
        await store.ScheduleAsync(Job("third", 3));

        var a = await store.AcquireDueAsync("node-a", T0.AddMinutes(5), Lease, 2);
        Assert.Equal(["first", "second"], a.Select(l => l.Job.Id));
        Assert.All(a, l => Assert.Equal(("node-a", T0.AddMinutes(5) + Lease), (l.Owner, l.LeaseExpiresAt)));

        var b = await store.AcquireDueAsync("node-b", T0.AddMinutes(5), Lease, 10);
        Assert.Equal(["third"], b.Select(l => l.Job.Id));
        Assert.Empty(await store.AcquireDueAsync("node-b", T0.AddMinutes(6), Lease, 10));

        // node-a dies: when its lease expires node-b takes the jobs over, and node-a's lease no longer counts
        var takeover = await store.AcquireDueAsync("node-b", T0.AddMinutes(5) + Lease, Lease, 10);
        Assert.Equal(["first", "second", "third"], takeover.Select(l => l.Job.Id));
        Assert.False(await store.CompleteAsync(a[0]));
        Assert.False(await store.FailAsync(a[1], null, "late"));
        Assert.True(await store.CompleteAsync(takeover[0]));
        Assert.False(await store.CompleteAsync(takeover[0]));
        Assert.Equal(["second", "third", "late"], (await store.ListAsync()).Select(j => j.Id));
        Assert.Equal(0, (await store.ListAsync())[0].Attempts);
    }

    [Fact]
    public async Task A_failed_job_is_due_again_at_its_retry_time_or_kept_but_never_due_without_one()
    {
        var store = Jobs(Create());
        Assert.Null(await store.NextDueAsync());
        await store.ScheduleAsync(Job("retry", 1));
        await store.ScheduleAsync(Job("give-up", 2));
        Assert.Equal(T0.AddMinutes(1), await store.NextDueAsync());

        var leased = await store.AcquireDueAsync("node", T0.AddMinutes(2), Lease, 10);
        Assert.Equal(T0.AddMinutes(1), await store.NextDueAsync()); // held jobs still count
        Assert.True(await store.FailAsync(leased[0], T0.AddMinutes(7), "first failure"));
        Assert.True(await store.FailAsync(leased[1], null, "for good"));

        Assert.Equal(T0.AddMinutes(7), await store.NextDueAsync());
        Assert.Empty(await store.AcquireDueAsync("node", T0.AddMinutes(6), Lease, 10));
        var retried = Assert.Single(await store.AcquireDueAsync("node", T0.AddHours(9), Lease, 10));
        Assert.Equal(("retry", 1, "first failure"), (retried.Job.Id, retried.Job.Attempts, retried.Job.LastError));

        var kept = (await store.ListAsync()).Single(j => j.Id == "give-up");
        Assert.Equal((1, "for good"), (kept.Attempts, kept.LastError));
        Assert.True(await store.CompleteAsync(retried));
        Assert.Null(await store.NextDueAsync());
    }

    [Fact]
    public async Task Schedule_replaces_a_job_by_id_and_cancel_removes_it_whoever_holds_it()
    {
        var store = Jobs(Create());
        await store.ScheduleAsync(Job("j", 1));
        var leased = Assert.Single(await store.AcquireDueAsync("node", T0.AddMinutes(1), Lease, 10));

        await store.ScheduleAsync(Job("j", 4) with { Payload = "{\"n\":2}" });
        var listed = Assert.Single(await store.ListAsync());
        Assert.Equal((T0.AddMinutes(4), "{\"n\":2}"), (listed.DueAt, listed.Payload));
        Assert.False(await store.CompleteAsync(leased)); // the replaced job has no lease

        Assert.True(await store.CancelAsync("j"));
        Assert.False(await store.CancelAsync("j"));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task Two_stores_acquiring_at_once_never_get_the_same_job()
    {
        var first = Jobs(Create());
        var second = Jobs(Reopen());
        const int Count = 200;
        for (var i = 0; i < Count; i++)
        {
            await first.ScheduleAsync(Job($"job-{i:D3}", i % 7));
        }

        async Task<List<string>> Drain(IJobStore store, string owner)
        {
            var mine = new List<string>();
            while (true)
            {
                var leased = await store.AcquireDueAsync(owner, T0.AddHours(1), Lease, 3);
                if (leased.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(leased.Select(l => l.Job.Id));
            }
        }

        var results = await Task.WhenAll(
            Task.Run(() => Drain(first, "a")), Task.Run(() => Drain(second, "b")),
            Task.Run(() => Drain(first, "c")), Task.Run(() => Drain(second, "d")))
            .WaitAsync(TimeSpan.FromSeconds(60));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(Count, all.Count);
        Assert.Equal(Count, all.Distinct().Count());
    }
}

/// <summary>The contract on the in-memory store (the reference behaviour).</summary>
public sealed class InMemoryJobStoreContractTests : JobStoreContract
{
    private InMemoryInstanceStore? _store;

    protected override IInstanceStore Create() => _store = new InMemoryInstanceStore();

    protected override IInstanceStore Reopen() => _store!;

    public override void Dispose()
    {
    }
}

/// <summary>The contract on a SQLite file; the second store is another store on the same file.</summary>
public sealed class SqliteJobStoreContractTests : JobStoreContract
{
    private readonly TempDatabase _db = new();

    protected override IInstanceStore Create() => _db.Open();

    protected override IInstanceStore Reopen() => _db.Open();

    public override void Dispose() => _db.Dispose();
}
