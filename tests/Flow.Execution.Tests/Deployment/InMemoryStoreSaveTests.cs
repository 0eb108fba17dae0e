using Flow.Instances;
using Flow.Jobs;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Every way a save can go in the in-memory store leaves exactly the instances it should: a save
/// that fails or ends an instance at once leaves no running entry behind (the save looks the id
/// up once and adds the running entry in the same step, so every other outcome must undo it).
/// </summary>
public class InMemoryStoreSaveTests
{
    private static StoredInstance Instance(string id, InstanceStatus status, long revision = 0) =>
        new(id, "order", "Shop.Flows", 1, "hash", status, "{}", revision);

    private static string EngineId(int i) => new Guid(i, 0, 0, new byte[8]).ToString("N");

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0000002a000000000000000000000000")]
    public async Task A_save_with_a_revision_for_an_unknown_id_fails_and_leaves_nothing(string id)
    {
        var store = new InMemoryInstanceStore();

        Assert.False(await store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 3));
        Assert.False(await store.TrySaveAsync(Instance(id, InstanceStatus.Completed), 1));

        Assert.Equal(0, store.Count);
        Assert.Null(await store.LoadAsync(id));
        Assert.Empty(await store.QueryAsync(new InstanceQuery()));
        Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 0));
        Assert.Equal(1, (await store.LoadAsync(id))!.Revision);
    }

    [Fact]
    public async Task A_second_start_of_an_ended_id_fails_and_the_ended_instance_stays_as_it_was()
    {
        var store = new InMemoryInstanceStore();
        var id = EngineId(7);
        Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Completed), 0));

        Assert.False(await store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 0));

        Assert.Equal(1, store.Count);
        var kept = Assert.Single(await store.QueryAsync(new InstanceQuery()));
        Assert.Equal((id, InstanceStatus.Completed, 1L), (kept.Id, kept.Status, kept.Revision));
        Assert.Empty(await store.QueryAsync(new InstanceQuery { Status = InstanceStatus.Waiting }));
    }

    [Fact]
    public async Task An_instance_that_ends_in_its_first_save_is_kept_once_as_ended()
    {
        var store = new InMemoryInstanceStore();
        var id = EngineId(8);

        Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Completed), 0));

        Assert.Equal(1, store.Count);
        var kept = Assert.Single(await store.QueryAsync(new InstanceQuery()));
        Assert.True(kept.Ended);
        Assert.NotNull(kept.EndedAt);
    }

    [Fact]
    public async Task Saves_of_a_running_instance_replace_it_and_check_the_revision_each_time()
    {
        var store = new InMemoryInstanceStore();
        Assert.True(await store.TrySaveAsync(Instance("a", InstanceStatus.Running), 0));
        Assert.True(await store.TrySaveAsync(Instance("a", InstanceStatus.Waiting), 1));
        Assert.False(await store.TrySaveAsync(Instance("a", InstanceStatus.Completed), 1));

        var loaded = (await store.LoadAsync("a"))!;
        Assert.Equal((InstanceStatus.Waiting, 2L), (loaded.Status, loaded.Revision));
        Assert.Equal(1, store.Count);

        Assert.True(await store.TrySaveAsync(Instance("a", InstanceStatus.Completed), 2));
        Assert.Equal(1, store.Count);
        Assert.Equal(InstanceStatus.Completed, Assert.Single(await store.QueryAsync(new InstanceQuery())).Status);
    }

    [Fact]
    public async Task An_ended_instance_saved_as_ended_again_or_running_again_is_kept_once()
    {
        var store = new InMemoryInstanceStore();
        var id = EngineId(9);
        Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Completed), 0));
        Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Aborted), 1));
        Assert.Equal(1, store.Count);
        Assert.Equal((InstanceStatus.Aborted, 2L), ((await store.LoadAsync(id))!.Status, (await store.LoadAsync(id))!.Revision));

        Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 2));
        Assert.Equal(1, store.Count);
        var running = Assert.Single(await store.QueryAsync(new InstanceQuery()));
        Assert.Equal((InstanceStatus.Waiting, 3L, false), (running.Status, running.Revision, running.Ended));
    }

    [Fact]
    public async Task Jobs_are_saved_and_removed_with_their_instance_when_other_instances_have_none()
    {
        var store = new InMemoryInstanceStore();
        var job = new ScheduledJob("job-1", "timer", DateTimeOffset.UnixEpoch);
        Assert.True(await store.TrySaveAsync(Instance("plain", InstanceStatus.Waiting), 0));
        Assert.True(await store.TrySaveAsync(Instance("timed", InstanceStatus.Waiting) with { Jobs = new[] { job } }, 0));
        Assert.Equal("timed", Assert.Single(await store.ListAsync()).InstanceId);

        Assert.True(await store.TrySaveAsync(Instance("timed", InstanceStatus.Waiting, 1), 1));
        Assert.Empty(await store.ListAsync());
    }
}
