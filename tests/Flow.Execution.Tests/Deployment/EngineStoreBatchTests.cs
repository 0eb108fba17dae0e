using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The engine's own walks over the store (purge here; delete upon undeploy and instance strategies
/// share the walk) load a batch at a time, never every instance at once, and still reach every one.
/// A store that does not page is walked whole; one that pages but ignores the after-id is refused
/// instead of walked for ever.
/// </summary>
public class EngineStoreBatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static StoredInstance Ended(int n) =>
        new($"i-{n:D5}", "order", "Shop.Flows", 1, "hash", InstanceStatus.Completed, "{}", 1) { EndedAt = DateTimeOffset.UnixEpoch };

    private static async Task<InMemoryInstanceStore> StoreWithAsync(int ended, int running)
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 100_000 });
        for (var n = 0; n < ended + running; n++)
        {
            var instance = n < ended ? Ended(n) : new StoredInstance($"i-{n:D5}", "order", "Shop.Flows", 1, "hash", InstanceStatus.Waiting, "{}", 1);
            Assert.True(await store.TrySaveAsync(instance, 0));
        }

        return store;
    }

    [Fact]
    public async Task Purge_loads_at_most_a_batch_per_query_and_deletes_every_ended_instance()
    {
        var recording = new RecordingStore(await StoreWithAsync(ended: 1_200, running: 7), honourPaging: true, honourAfter: true);
        var engine = new FlowEngine(new DeploymentRegistry(), recording);

        Assert.Equal(1_200, await engine.PurgeAsync().WaitAsync(Timeout));

        Assert.All(recording.Returned, count => Assert.InRange(count, 0, FlowEngine.StoreBatchSize));
        Assert.True(recording.Returned.Count >= 3);   // 1,207 instances cannot come in fewer batches of 500
        Assert.Equal(7, (await recording.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task A_store_that_does_not_page_is_walked_once_whole()
    {
        var recording = new RecordingStore(await StoreWithAsync(ended: 600, running: 2), honourPaging: false, honourAfter: false);
        var engine = new FlowEngine(new DeploymentRegistry(), recording);

        Assert.Equal(600, await engine.PurgeAsync().WaitAsync(Timeout));
        Assert.Equal(new[] { 602 }, recording.Returned);
    }

    [Fact]
    public async Task A_store_that_ignores_the_after_id_is_refused_instead_of_walked_for_ever()
    {
        var recording = new RecordingStore(await StoreWithAsync(ended: 0, running: 1_000), honourPaging: true, honourAfter: false);
        var engine = new FlowEngine(new DeploymentRegistry(), recording);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.PurgeAsync().WaitAsync(Timeout));

        Assert.Contains("AfterId", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RecordingStore), refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A real store behind a wrapper that records how many instances each query returned (and can forget paging, as an older store would).</summary>
    private sealed class RecordingStore(IInstanceStore inner, bool honourPaging, bool honourAfter) : IInstanceStore
    {
        public List<int> Returned { get; } = new();

        public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default) =>
            inner.TrySaveAsync(instance, expectedRevision, cancellationToken);

        public async ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
        {
            var asked = !honourPaging ? query.Unpaged() : honourAfter ? query : query with { AfterId = null };
            var result = await inner.QueryAsync(asked, cancellationToken);
            Returned.Add(result.Count);
            return result;
        }

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    }
}
