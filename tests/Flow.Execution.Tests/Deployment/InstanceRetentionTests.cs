using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>The in-memory store keeps ended instances under a retention policy, bounded by default (issue 9, defect 9).</summary>
public class InstanceRetentionTests
{
    private static StoredInstance Instance(string id, InstanceStatus status, long revision = 0) =>
        new(id, "order", "Shop.Flows", 1, "hash", status, "{}", revision);

    [Fact]
    public async Task By_default_the_store_keeps_a_bounded_number_of_ended_instances()
    {
        var store = new InMemoryInstanceStore();
        var max = InstanceRetention.Default.MaxEnded;
        Assert.True(await store.TrySaveAsync(Instance("waiting", InstanceStatus.Waiting), 0));
        for (var i = 0; i <= max; i++)
        {
            Assert.True(await store.TrySaveAsync(Instance($"done-{i:D6}", InstanceStatus.Completed), 0));
        }

        Assert.Equal(max + 1, store.Count);
        Assert.Null(await store.LoadAsync("done-000000")); // the oldest-ended went first
        Assert.NotNull(await store.LoadAsync($"done-{max:D6}"));
        Assert.NotNull(await store.LoadAsync("waiting"));
    }

    [Fact]
    public async Task Only_ended_instances_count_and_a_failure_with_a_token_to_retry_is_not_ended()
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 2 });
        await store.TrySaveAsync(Instance("a", InstanceStatus.Waiting), 0);
        await store.TrySaveAsync(Instance("retry", InstanceStatus.Failed), 0);
        await store.TrySaveAsync(Instance("b", InstanceStatus.Completed), 0);
        await store.TrySaveAsync(Instance("c", InstanceStatus.Failed) with { Ended = true }, 0);
        await store.TrySaveAsync(Instance("d", InstanceStatus.Aborted), 0);

        Assert.Equal(new[] { "a", "c", "d", "retry" }, (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));

        // An instance that was waiting and then ends joins the end of the line.
        await store.TrySaveAsync(Instance("a", InstanceStatus.Completed), 1);
        Assert.Equal(new[] { "a", "d", "retry" }, (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));
    }

    [Fact]
    public async Task Ended_instances_older_than_the_retention_time_are_removed()
    {
        var clock = new ManualClock();
        var store = new InMemoryInstanceStore(new InstanceRetention { KeepEndedFor = TimeSpan.FromMinutes(10) }, clock);
        await store.TrySaveAsync(Instance("old", InstanceStatus.Completed), 0);
        await store.TrySaveAsync(Instance("waiting", InstanceStatus.Waiting), 0);
        clock.Advance(TimeSpan.FromMinutes(6));
        await store.TrySaveAsync(Instance("newer", InstanceStatus.Completed), 0);
        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(new[] { "newer", "waiting" }, (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromMinutes(6), (await store.LoadAsync("newer"))!.EndedAt);
    }

    [Fact]
    public async Task Deleting_an_ended_instance_frees_its_place()
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 2 });
        await store.TrySaveAsync(Instance("a", InstanceStatus.Completed), 0);
        await store.TrySaveAsync(Instance("b", InstanceStatus.Completed), 0);
        Assert.True(await store.DeleteAsync("b"));
        await store.TrySaveAsync(Instance("c", InstanceStatus.Completed), 0);

        Assert.Equal(new[] { "a", "c" }, (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));
    }
}
