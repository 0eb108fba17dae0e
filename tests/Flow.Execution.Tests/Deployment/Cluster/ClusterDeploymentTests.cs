using System.Diagnostics;
using System.Text.Json;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment.Cluster;

/// <summary>
/// Deployments shared through a deployment store (issue 11, cluster): two nodes with their own
/// registries, engines and instance stores share one in-memory deployment store; what one
/// deploys, rolls back or undeploys the other serves, and a node that starts later converges.
/// </summary>
public sealed class ClusterDeploymentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-cluster-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // harmless temp folder
        }
    }

    private static List<string> Marks(InstanceSnapshot snapshot) =>
        JsonDocument.Parse(snapshot.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()!).ToList();

    private string Write(int version, byte[] assembly, string? folder = null) => TestDeployment.Write(_root, version, assembly, folderName: folder);

    [Fact]
    public async Task A_deployment_on_node_A_is_served_by_node_B_within_a_second()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B");
        await a.Follower.StartAsync();
        await b.Follower.StartAsync();

        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) });
        var clock = Stopwatch.StartNew();
        await b.WaitUntilAsync(n => n.LatestVersion() == 1, TimeSpan.FromSeconds(1));
        var firstMs = clock.ElapsedMilliseconds;
        Assert.Equal(new[] { "A" }, Marks(await b.Engine.StartAsync("order")));

        await a.Engine.DeployAsync(new[] { Write(2, DeploymentFixture.B) });
        clock.Restart();
        await b.WaitUntilAsync(n => n.LatestVersion() == 2, TimeSpan.FromSeconds(1));
        Assert.True(firstMs < 1000 && clock.ElapsedMilliseconds < 1000, $"B served v1 after {firstMs} ms, v2 after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(new[] { "B" }, Marks(await b.Engine.StartAsync("order")));
        Assert.Equal(new[] { 1L, 2L }, (await store.ActionsAsync()).Select(x => x.Sequence));
        Assert.All(await store.ActionsAsync(), x => Assert.Equal(a.Registry.NodeId, x.Node));
    }

    [Fact]
    public async Task Rollback_and_undeploy_on_A_are_applied_on_B()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B");
        await a.Follower.StartAsync();
        await b.Follower.StartAsync();
        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) });
        await a.Engine.DeployAsync(new[] { Write(2, DeploymentFixture.B) });
        await b.WaitUntilAsync(n => n.LatestVersion() == 2);

        await a.Engine.RollbackAsync(TestDeployment.Name, 1);
        await b.WaitUntilAsync(n => n.LatestVersion() == 1);
        Assert.Equal(new[] { "A" }, Marks(await b.Engine.StartAsync("order")));

        await a.Engine.UndeployAsync(TestDeployment.Name);
        await b.WaitUntilAsync(n => n.LatestVersion() is null && n.EventsOf(DeploymentEventKind.Undeployed).Length == 1);
        await Assert.ThrowsAsync<FlowDeploymentException>(() => b.Engine.StartAsync("order"));

        Assert.Equal(
            new[] { DeploymentActionKind.Deployed, DeploymentActionKind.Deployed, DeploymentActionKind.RolledBack, DeploymentActionKind.Undeployed },
            (await store.ActionsAsync()).Select(x => x.Kind));
    }

    [Fact]
    public async Task A_node_that_starts_later_converges_to_the_latest_versions()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) });
        await a.Engine.DeployAsync(new[] { Write(2, DeploymentFixture.B) });
        await a.Engine.RollbackAsync(TestDeployment.Name, 1);
        await a.Engine.DeployAsync(new[] { Write(3, DeploymentFixture.B, "v3") });

        await using var late = new ClusterNode(store, "Late");
        await late.Follower.StartAsync().WaitAsync(ClusterNode.Timeout);   // the first round is awaited: started means caught up

        Assert.Equal(3, late.LatestVersion());
        Assert.Equal(4, late.Registry.AppliedLogSequence);
        Assert.Equal(new[] { "B" }, Marks(await late.Engine.StartAsync("order")));
        Assert.Empty(late.EventsOf(DeploymentEventKind.Failed));
    }

    [Fact]
    public async Task A_nodes_own_actions_are_applied_once()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await a.Follower.StartAsync();
        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) });
        await a.Engine.DeployAsync(new[] { Write(2, DeploymentFixture.B) });
        await a.Engine.RollbackAsync(TestDeployment.Name, 1);

        Assert.Equal(3, a.Registry.AppliedLogSequence);
        Assert.Equal(0, await a.Follower.ApplyPendingAsync().WaitAsync(ClusterNode.Timeout));
        Assert.Equal(3, a.EventsOf(DeploymentEventKind.Activated).Length);   // v1, v2, v1 again: nothing applied twice
    }

    [Fact]
    public async Task Entries_of_other_nodes_between_a_nodes_own_are_applied_in_log_order()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B");

        // Neither follows yet: A deploys v1 (entry 1), then B, which has not seen it, deploys v2 (entry 2).
        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) });
        await b.Engine.DeployAsync(new[] { Write(2, DeploymentFixture.B) });
        Assert.Equal(0, b.Registry.AppliedLogSequence);   // its entry 2 does not follow what it applied

        await b.Follower.ApplyPendingAsync().WaitAsync(ClusterNode.Timeout);
        await a.Follower.ApplyPendingAsync().WaitAsync(ClusterNode.Timeout);

        Assert.Equal(2, a.LatestVersion());
        Assert.Equal(2, b.LatestVersion());
        Assert.Equal(2, a.Registry.AppliedLogSequence);
        Assert.Equal(2, b.Registry.AppliedLogSequence);
    }

    [Fact]
    public async Task The_same_content_deployed_twice_is_one_log_entry()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B");
        var assembly = DeploymentFixture.A;

        await a.Engine.DeployAsync(new[] { Write(1, assembly, "a-v1") });
        await a.Engine.DeployAsync(new[] { Write(1, assembly, "a-v1-again") });   // Unchanged on A: nothing saved
        await b.Engine.DeployAsync(new[] { Write(1, assembly, "b-v1") });          // B has not applied the log: the store resumes

        var log = await store.ActionsAsync();
        Assert.Single(log);
        Assert.Equal(a.Registry.NodeId, log[0].Node);
        Assert.Equal(1, store.BlobCount);
        Assert.Single(a.EventsOf(DeploymentEventKind.Unchanged));
    }

    [Fact]
    public async Task A_tampered_blob_in_the_store_is_refused_and_nothing_of_it_loads_and_the_follower_goes_on()
    {
        var store = new TamperingStore(new InMemoryDeploymentStore()) { TamperVersion = 1 };
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B");
        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) });

        await b.Follower.StartAsync().WaitAsync(ClusterNode.Timeout);

        var failed = Assert.Single(b.EventsOf(DeploymentEventKind.Failed));
        Assert.Equal("FLOW6003", ((FlowDeploymentException)failed.Error!).Id);
        Assert.Equal(TestDeployment.Name, failed.Name);
        Assert.Null(b.LatestVersion());
        Assert.Empty(b.Registry.Versions);
        Assert.Equal(1, b.Registry.AppliedLogSequence);   // refused for good: not retried on every poll

        await a.Engine.DeployAsync(new[] { Write(2, DeploymentFixture.B) });
        await b.WaitUntilAsync(n => n.LatestVersion() == 2);
    }

    [Fact]
    public async Task A_deployment_refused_on_its_node_never_enters_the_log()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        var folder = Write(1, DeploymentFixture.A);
        var dll = Path.Combine(folder, TestDeployment.Name + ".dll");
        var bytes = File.ReadAllBytes(dll);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(dll, bytes);

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => a.Engine.DeployAsync(new[] { folder }));

        Assert.Equal("FLOW6003", refused.Id);
        Assert.Empty(await store.ActionsAsync());
    }

    [Fact]
    public async Task A_deployment_the_store_cannot_save_is_not_activated()
    {
        var store = new TamperingStore(new InMemoryDeploymentStore()) { FailSaves = true };
        await using var a = new ClusterNode(store, "A");

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) }));

        Assert.Equal("FLOW6142", refused.Id);
        Assert.Null(a.LatestVersion());
        Assert.Single(a.EventsOf(DeploymentEventKind.Failed));
        Assert.Empty(a.EventsOf(DeploymentEventKind.Activated));
    }

    [Fact]
    public async Task Other_content_under_a_stored_version_is_refused_by_the_store_and_not_activated()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B");
        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A, "a-v1") });

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => b.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.B, "b-v1") }));

        Assert.Equal("FLOW6143", refused.Id);
        Assert.Null(b.LatestVersion());
        Assert.Single(await store.ActionsAsync());
    }

    [Fact]
    public async Task A_log_entry_whose_version_the_store_does_not_hold_is_a_failed_event()
    {
        var store = new InMemoryDeploymentStore();
        await store.AppendAsync(DeploymentActionKind.Deployed, TestDeployment.Name, 7, "elsewhere");
        await using var b = new ClusterNode(store, "B");

        await b.Follower.StartAsync().WaitAsync(ClusterNode.Timeout);

        Assert.Equal("FLOW6141", ((FlowDeploymentException)Assert.Single(b.EventsOf(DeploymentEventKind.Failed)).Error!).Id);
        Assert.Equal(1, b.Registry.AppliedLogSequence);
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_is_reported_and_retried()
    {
        var store = new TamperingStore(new InMemoryDeploymentStore()) { FailReads = true };
        await using var a = new ClusterNode(new InMemoryDeploymentStore(), "A");
        await using var b = new ClusterNode(store, "B", interval: TimeSpan.FromMilliseconds(50));
        await store.Inner.SaveAsync(StoredSource.From(DeploymentContent.Capture(new FolderSource(Write(1, DeploymentFixture.A)), ManifestTrust.None)), "A");

        await b.Follower.StartAsync().WaitAsync(ClusterNode.Timeout);
        Assert.Equal("FLOW6144", ((FlowDeploymentException)b.EventsOf(DeploymentEventKind.Failed)[0].Error!).Id);
        Assert.Equal(0, b.Registry.AppliedLogSequence);

        store.FailReads = false;
        await b.WaitUntilAsync(n => n.LatestVersion() == 1);
    }

    [Fact]
    public async Task Rollback_to_a_version_this_node_never_loaded_loads_it_from_the_store()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B");
        await a.Engine.DeployAsync(new[] { Write(1, DeploymentFixture.A) });
        await a.Engine.DeployAsync(new[] { Write(2, DeploymentFixture.B) });
        await b.Registry.DeployAsync((await store.LoadAsync(TestDeployment.Name, 2))!);   // B knows only v2

        await b.Engine.RollbackAsync(TestDeployment.Name, 1);

        Assert.Equal(1, b.LatestVersion());
        Assert.Equal(DeploymentActionKind.RolledBack, (await store.ActionsAsync())[^1].Kind);
        await a.Follower.ApplyPendingAsync().WaitAsync(ClusterNode.Timeout);
        Assert.Equal(1, a.LatestVersion());
    }

    /// <summary>Wraps a store: flips a byte of a loaded version's flow assembly, or fails saves or reads.</summary>
    private sealed class TamperingStore(InMemoryDeploymentStore inner) : IDeploymentStore
    {
        public InMemoryDeploymentStore Inner => inner;

        public int? TamperVersion { get; init; }

        public bool FailSaves { get; init; }

        public volatile bool FailReads;

        public ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default) =>
            FailSaves ? throw new IOException("disk full") : inner.SaveAsync(deployment, node, cancellationToken);

        public ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(kind, name, version, node, cancellationToken);

        public ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default) =>
            FailReads ? throw new IOException("connection refused") : inner.ActionsAsync(afterSequence, cancellationToken);

        public async ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default)
        {
            var stored = await inner.LoadAsync(name, version, cancellationToken);
            if (stored is null || version != TamperVersion)
            {
                return stored;
            }

            var dll = stored.Files[TestDeployment.Name + ".dll"];
            dll[^1] ^= 0xFF;
            return stored;
        }
    }
}
