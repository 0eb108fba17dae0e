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
}
