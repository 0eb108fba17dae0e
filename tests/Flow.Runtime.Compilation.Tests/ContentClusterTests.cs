using Flow.Deployment.Storage;
using Flow.Hosting;

namespace Flow.Runtime.Compilation.Tests;

public class ContentClusterTests
{
    [Fact]
    public async Task A_diagram_deployed_as_content_on_one_node_serves_on_every_node_of_the_store()
    {
        var store = new InMemoryDeploymentStore();
        var a = new ContentHost(store: store, node: "A");
        var b = new ContentHost(store: store, node: "B");
        await using var follower = new DeploymentLogFollower(b.Registry);

        await a.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(TimeSpan.FromMinutes(2));
        await follower.ApplyPendingAsync().WaitAsync(TimeSpan.FromMinutes(1));

        // Node B never compiled anything: it loaded the bytes node A saved, and binds its own handlers.
        Assert.Empty(b.Completed);
        Assert.Equal(1, b.Registry.Latest["order"].Version);
        var order = await b.OrderAsync("lamp", 10m);
        Assert.Equal(InstanceStatus.Completed, order.Status);
        Assert.True(order.Data["inStock"]!.GetValue<bool>());

        await a.Deployer.DeployAsync("order", OrderDiagrams.Order(rule: "amount &lt;= 1")).WaitAsync(TimeSpan.FromMinutes(2));
        await follower.ApplyPendingAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(InstanceStatus.Waiting, (await b.OrderAsync("lamp", 10m)).Status);
    }

    [Fact]
    public async Task A_node_that_has_not_seen_the_latest_version_deploys_its_change_as_the_next_free_version()
    {
        // Node B numbers its change from what it has applied (version 1) while node A has already
        // stored version 2: the store refuses version 2 with other content (FLOW6143), and B's
        // deployer numbers the same compiled bytes again instead of failing the deployment.
        var limit = TimeSpan.FromMinutes(2);
        var store = new InMemoryDeploymentStore();
        var a = new ContentHost(store: store, node: "A");
        var b = new ContentHost(store: store, node: "B");
        await using var followerOfB = new DeploymentLogFollower(b.Registry);
        await using var followerOfA = new DeploymentLogFollower(a.Registry);

        await a.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(limit);
        await followerOfB.ApplyPendingAsync().WaitAsync(limit);
        await a.Deployer.DeployAsync("order", OrderDiagrams.Order(rule: "amount &lt;= 1")).WaitAsync(limit);

        var fromB = await b.Deployer.DeployAsync("order", OrderDiagrams.Order(rule: "amount &lt;= 5")).WaitAsync(limit);

        Assert.Equal(3, fromB.Version);
        Assert.Empty(b.Failed);
        Assert.Equal(3, b.Registry.Latest["order"].Version);
        await followerOfA.ApplyPendingAsync().WaitAsync(limit);
        Assert.Equal(3, a.Registry.Latest["order"].Version);
        Assert.Equal(InstanceStatus.Waiting, (await a.OrderAsync("lamp", 10m)).Status);
        Assert.Equal(InstanceStatus.Completed, (await a.OrderAsync("lamp", 3m)).Status);
    }
}
