using Flow.Instances;
using Flow.Jobs;

namespace Flow.Tests.Shared;

/// <summary>
/// What every <see cref="IJobStore"/> must do, as tests: a store's test project links this file
/// and derives a class that makes a fresh, empty store (which is also its <see cref="IInstanceStore"/>).
/// </summary>
public abstract class JobStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>A fresh, empty store; disposed by the test if it is disposable.</summary>
    protected abstract Task<IJobStore> CreateStoreAsync();

    private static ScheduledJob Job(string id, int minutes, string kind = "test") => new(id, kind, T0.AddMinutes(minutes));

    private static StoredInstance Instance(string id, params ScheduledJob[] jobs) =>
        new(id, "p", "d", 1, "hash", InstanceStatus.Waiting, "{}", 0) { Jobs = jobs };

    private async Task<T> WithStore<T>(Func<IJobStore, Task<T>> test)
    {
        var store = await CreateStoreAsync();
        try
        {
            return await test(store);
        }
        finally
        {
            switch (store)
            {
                case IAsyncDisposable d: await d.DisposeAsync(); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }

    private Task WithStore(Func<IJobStore, Task> test) => WithStore(async s => { await test(s); return 0; });

    [Fact]
    public Task Only_due_jobs_are_acquired_earliest_first() => WithStore(async store =>
    {
        await store.ScheduleAsync(Job("late", 10));
        await store.ScheduleAsync(Job("b", 2));
        await store.ScheduleAsync(Job("a", 1));

        var leased = await store.AcquireDueAsync("node-1", T0.AddMinutes(5), Lease, 10);

        Assert.Equal(new[] { "a", "b" }, leased.Select(j => j.Job.Id));
        Assert.All(leased, j => Assert.Equal("node-1", j.Owner));
        Assert.All(leased, j => Assert.Equal(T0.AddMinutes(5) + Lease, j.LeaseExpiresAt));
    });

    [Fact]
    public Task At_most_max_jobs_are_acquired() => WithStore(async store =>
    {
        for (var i = 0; i < 5; i++)
        {
            await store.ScheduleAsync(Job("j" + i, i));
        }

        Assert.Equal(2, (await store.AcquireDueAsync("n", T0.AddHours(1), Lease, 2)).Count);
        Assert.Equal(2, (await store.AcquireDueAsync("n", T0.AddHours(1), Lease, 2)).Count);
        Assert.Single(await store.AcquireDueAsync("n", T0.AddHours(1), Lease, 2));
    });

    [Fact]
    public Task A_held_job_is_not_acquired_by_another_owner_until_its_lease_expires() => WithStore(async store =>
    {
        await store.ScheduleAsync(Job("j", 0));
        var first = Assert.Single(await store.AcquireDueAsync("node-1", T0, Lease, 10));

        Assert.Empty(await store.AcquireDueAsync("node-2", T0 + Lease - TimeSpan.FromSeconds(1), Lease, 10));
        var taken = Assert.Single(await store.AcquireDueAsync("node-2", T0 + Lease, Lease, 10));

        Assert.Equal("node-2", taken.Owner);
        Assert.False(await store.CompleteAsync(first), "the owner whose lease expired no longer holds the job");
        Assert.True(await store.CompleteAsync(taken));
        Assert.Empty(await store.ListAsync());
    });

    [Fact]
    public Task Two_owners_acquiring_at_once_never_get_the_same_job() => WithStore(async store =>
    {
        for (var i = 0; i < 200; i++)
        {
            await store.ScheduleAsync(Job("j" + i.ToString("D3"), 0));
        }

        var owners = Enumerable.Range(0, 4).Select(o => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await store.AcquireDueAsync("node-" + o, T0, Lease, 7);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(j => j.Job.Id));
            }
        })).ToArray();
        var all = (await Task.WhenAll(owners).WaitAsync(TimeSpan.FromSeconds(30))).SelectMany(x => x).ToList();

        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    });

    [Fact]
    public Task A_failed_job_is_due_again_at_its_retry_time_with_its_attempt_counted() => WithStore(async store =>
    {
        await store.ScheduleAsync(Job("j", 0));
        var leased = Assert.Single(await store.AcquireDueAsync("n", T0, Lease, 10));

        Assert.True(await store.FailAsync(leased, T0.AddMinutes(1), "boom"));

        Assert.Empty(await store.AcquireDueAsync("n", T0.AddSeconds(59), Lease, 10));
        var again = Assert.Single(await store.AcquireDueAsync("other", T0.AddMinutes(1), Lease, 10));
        Assert.Equal(1, again.Job.Attempts);
        Assert.Equal("boom", again.Job.LastError);
        Assert.Equal(T0.AddMinutes(1), again.Job.DueAt);
    });

    [Fact]
    public Task A_job_failed_without_retry_is_kept_but_never_acquired_nor_due() => WithStore(async store =>
    {
        await store.ScheduleAsync(Job("dead", 0));
        var leased = Assert.Single(await store.AcquireDueAsync("n", T0, Lease, 10));

        Assert.True(await store.FailAsync(leased, null, "gave up"));

        Assert.Empty(await store.AcquireDueAsync("n", T0.AddYears(1), Lease, 10));
        Assert.Null(await store.NextDueAsync());
        var kept = Assert.Single(await store.ListAsync());
        Assert.Equal(("dead", 1, "gave up"), (kept.Id, kept.Attempts, kept.LastError));
    });

    [Fact]
    public Task Fail_by_an_owner_that_lost_the_lease_changes_nothing() => WithStore(async store =>
    {
        await store.ScheduleAsync(Job("j", 0));
        var stale = Assert.Single(await store.AcquireDueAsync("node-1", T0, Lease, 10));
        Assert.Single(await store.AcquireDueAsync("node-2", T0 + Lease, Lease, 10));

        Assert.False(await store.FailAsync(stale, T0.AddHours(1), "late"));
        Assert.Equal(0, Assert.Single(await store.ListAsync()).Attempts);
    });

    [Fact]
    public Task Next_due_is_the_earliest_job_held_or_not() => WithStore(async store =>
    {
        Assert.Null(await store.NextDueAsync());
        await store.ScheduleAsync(Job("later", 30));
        await store.ScheduleAsync(Job("soon", 3));
        Assert.Single(await store.AcquireDueAsync("n", T0.AddMinutes(3), Lease, 10));

        Assert.Equal(T0.AddMinutes(3), await store.NextDueAsync());
    });

    [Fact]
    public Task Schedule_replaces_a_job_by_id_and_releases_its_lease() => WithStore(async store =>
    {
        await store.ScheduleAsync(Job("cycle", 0));
        var held = Assert.Single(await store.AcquireDueAsync("n", T0, Lease, 10));

        await store.ScheduleAsync(Job("cycle", 60) with { Payload = "next" });

        Assert.False(await store.CompleteAsync(held), "the replaced job is a new one; the old lease completes nothing");
        var job = Assert.Single(await store.ListAsync());
        Assert.Equal((T0.AddMinutes(60), "next"), (job.DueAt, job.Payload));
        Assert.Single(await store.AcquireDueAsync("other", T0.AddMinutes(60), Lease, 10));
    });

    [Fact]
    public Task Cancel_removes_a_job_whoever_holds_it() => WithStore(async store =>
    {
        await store.ScheduleAsync(Job("j", 0));
        var held = Assert.Single(await store.AcquireDueAsync("n", T0, Lease, 10));

        Assert.True(await store.CancelAsync("j"));
        Assert.False(await store.CancelAsync("j"));
        Assert.False(await store.CompleteAsync(held));
        Assert.Empty(await store.ListAsync());
    });

    [Fact]
    public Task Jobs_of_an_instance_are_saved_and_replaced_with_it() => WithStore(async store =>
    {
        var instances = (IInstanceStore)store;
        Assert.True(await instances.TrySaveAsync(Instance("i1", Job("i1/a", 5), Job("i1/b", 6)), 0));
        await store.ScheduleAsync(Job("other", 1));

        Assert.Equal(new[] { "i1/a", "i1/b" }, (await store.ListAsync("i1")).Select(j => j.Id));
        Assert.All(await store.ListAsync("i1"), j => Assert.Equal("i1", j.InstanceId));

        Assert.True(await instances.TrySaveAsync(Instance("i1", Job("i1/b", 6), Job("i1/c", 7)), 1));
        Assert.Equal(new[] { "i1/b", "i1/c" }, (await store.ListAsync("i1")).Select(j => j.Id));
        Assert.Equal(3, (await store.ListAsync()).Count);
    });

    [Fact]
    public Task A_stale_instance_save_changes_no_job() => WithStore(async store =>
    {
        var instances = (IInstanceStore)store;
        Assert.True(await instances.TrySaveAsync(Instance("i1", Job("i1/a", 5)), 0));

        Assert.False(await instances.TrySaveAsync(Instance("i1"), 0));

        Assert.Equal("i1/a", Assert.Single(await store.ListAsync("i1")).Id);
    });

    [Fact]
    public Task A_kept_job_keeps_its_lease_across_an_instance_save() => WithStore(async store =>
    {
        var instances = (IInstanceStore)store;
        Assert.True(await instances.TrySaveAsync(Instance("i1", Job("i1/a", 0)), 0));
        var held = Assert.Single(await store.AcquireDueAsync("n", T0, Lease, 10));

        Assert.True(await instances.TrySaveAsync(Instance("i1", Job("i1/a", 0)), 1));

        Assert.Empty(await store.AcquireDueAsync("other", T0, Lease, 10));
        Assert.True(await store.CompleteAsync(held));
    });

    [Fact]
    public Task A_job_its_instance_save_removed_cannot_be_completed() => WithStore(async store =>
    {
        var instances = (IInstanceStore)store;
        Assert.True(await instances.TrySaveAsync(Instance("i1", Job("i1/a", 0)), 0));
        var held = Assert.Single(await store.AcquireDueAsync("n", T0, Lease, 10));

        Assert.True(await instances.TrySaveAsync(Instance("i1"), 1));

        Assert.False(await store.CompleteAsync(held));
        Assert.Empty(await store.ListAsync());
    });

    [Fact]
    public Task Deleting_an_instance_deletes_its_jobs() => WithStore(async store =>
    {
        var instances = (IInstanceStore)store;
        Assert.True(await instances.TrySaveAsync(Instance("i1", Job("i1/a", 0)), 0));
        await store.ScheduleAsync(Job("free", 0));

        Assert.True(await instances.DeleteAsync("i1"));

        Assert.Equal("free", Assert.Single(await store.ListAsync()).Id);
    });
}
