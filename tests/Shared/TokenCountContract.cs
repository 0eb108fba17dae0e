using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Tests.Shared;

/// <summary>
/// What <see cref="ITokenStateSource"/> must give <see cref="FlowEngine.CountTokensAsync"/>: the
/// same counts as the query path (every instance of the key through <see cref="IInstanceStore.QueryAsync"/>),
/// over instances at several nodes, failed ones (ended or retryable), ended ones, other versions
/// and other keys. A durable store's test project links this file and calls it with a fresh store.
/// </summary>
public static class TokenCountContract
{
    private const string Key = "orders";

    public static async Task CountsMatchTheQueryPathAsync(IInstanceStore store)
    {
        Assert.IsAssignableFrom<ITokenStateSource>(store);
        await SeedAsync(store);

        var bySource = new FlowEngine(new DeploymentRegistry(), store);
        var byQuery = new FlowEngine(new DeploymentRegistry(), new QueryOnlyStore(store));
        foreach (var version in new int?[] { null, 1, 2, 3 })
        {
            var expected = await byQuery.CountTokensAsync(Key, version);
            var actual = await bySource.CountTokensAsync(Key, version);
            Assert.Equal(expected, actual);
        }

        // and what they are, so two empty answers cannot pass
        Assert.Equal(
            new[]
            {
                new NodeTokenCount("Shop", 1, "Approve", 3, 0),
                new NodeTokenCount("Shop", 1, "Ship", 1, 2),
                new NodeTokenCount("Shop", 1, "Wait", 1, 0),
                new NodeTokenCount("Shop", 2, "Approve", 1, 1),
            },
            await bySource.CountTokensAsync(Key));
        Assert.Equal(new[] { new NodeTokenCount("Shop", 2, "Approve", 1, 1) }, await bySource.CountTokensAsync(Key, 2));
        Assert.Empty(await bySource.CountTokensAsync(Key, 3));
    }

    private static async Task SeedAsync(IInstanceStore store)
    {
        static string Waits(params string[] nodes) =>
            "{\"Tokens\":[" + string.Join(",", nodes.Select(n => "{\"Id\":1,\"NodeId\":\"" + n + "\",\"Wait\":\"Task\"}")) + "],\"Data\":{\"amount\":7}}";
        static string FailedAt(string node) =>
            "{\"Tokens\":[{\"Id\":1,\"NodeId\":\"" + node + "\",\"Wait\":\"Task\"}],\"Failure\":{\"NodeId\":\"" + node + "\",\"Message\":\"boom\"},\"Data\":{}}";
        StoredInstance Instance(string id, int version, InstanceStatus status, string state, bool? ended = null)
        {
            var instance = new StoredInstance(id, Key, "Shop", version, "hash-" + version, status, state, 0);
            return ended is { } e ? instance with { Ended = e } : instance;
        }

        var instances = new[]
        {
            Instance("a1", 1, InstanceStatus.Waiting, Waits("Approve")),
            Instance("a2", 1, InstanceStatus.Waiting, Waits("Approve")),
            Instance("a3", 1, InstanceStatus.Waiting, Waits("Approve", "Ship")),      // two tokens (a parallel split)
            Instance("a4", 1, InstanceStatus.Waiting, """{"Tokens":[{"Id":1,"NodeId":"Wait","Wait":"Event"},{"Id":2,"NodeId":"Gateway"}],"Data":{}}"""),
            Instance("f1", 1, InstanceStatus.Failed, FailedAt("Ship")),                 // retryable
            Instance("f2", 1, InstanceStatus.Failed, FailedAt("Ship"), ended: true),    // failed with nothing to retry
            Instance("c1", 1, InstanceStatus.Completed, Waits("Approve")),             // ended: its stale tokens do not count
            Instance("x1", 1, InstanceStatus.Aborted, Waits("Ship")),
            Instance("b1", 2, InstanceStatus.Waiting, Waits("Approve")),
            Instance("b2", 2, InstanceStatus.Failed, FailedAt("Approve")),
            Instance("b3", 2, InstanceStatus.Completed, """{"Tokens":[],"Data":{}}"""),
            new StoredInstance("o1", "other", "Shop", 1, "hash-1", InstanceStatus.Waiting, Waits("Approve"), 0),
        };
        foreach (var instance in instances)
        {
            Assert.True(await store.TrySaveAsync(instance, 0));
        }
    }

    /// <summary>The store without its <see cref="ITokenStateSource"/>: what the engine did before, for comparison.</summary>
    public sealed class QueryOnlyStore(IInstanceStore inner) : IInstanceStore
    {
        public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default) =>
            inner.TrySaveAsync(instance, expectedRevision, cancellationToken);

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    }
}
