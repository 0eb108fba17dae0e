using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment.Cluster;

/// <summary>One node of a test cluster: its own registry, engine and instance store, sharing only the deployment store.</summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public ClusterNode(IDeploymentStore store, string node, ManifestTrust? trust = null, TimeSpan? interval = null)
    {
        Registry = new DeploymentRegistry { DeploymentStore = store, NodeId = node, ManifestTrust = trust ?? ManifestTrust.None };
        Registry.Changed += e =>
        {
            lock (Events)
            {
                Events.Add(e);
            }

            _changed.Release();
        };
        Engine = new FlowEngine(Registry, new InMemoryInstanceStore());
        Follower = new DeploymentLogFollower(Registry, interval: interval);
    }

    public DeploymentRegistry Registry { get; }

    public FlowEngine Engine { get; }

    public DeploymentLogFollower Follower { get; }

    public List<DeploymentEvent> Events { get; } = new();

    private readonly SemaphoreSlim _changed = new(0);

    public int? LatestVersion(string key = "order") => Registry.Latest.TryGetValue(key, out var version) ? version.Version : null;

    public DeploymentEvent[] EventsOf(DeploymentEventKind kind)
    {
        lock (Events)
        {
            return Events.Where(e => e.Kind == kind).ToArray();
        }
    }

    /// <summary>Waits (event-driven, no sleeps) until <paramref name="condition"/> holds; fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<ClusterNode, bool> condition, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Timeout);
        while (!condition(this))
        {
            try
            {
                await _changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Registry.NodeId}: the condition did not hold within {timeout ?? Timeout}; latest: {LatestVersion()?.ToString() ?? "none"}, events: {string.Join("; ", Events)}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await Follower.DisposeAsync();
}
