using System.Runtime.CompilerServices;
using Flow.Deployment;

namespace Flow.Runtime.Compilation.Tests;

public class ContentUnloadingTests
{
    [Fact]
    public async Task After_100_content_deploys_every_old_version_is_unloaded_and_collected()
    {
        var host = new ContentHost();
        var weak = await DeployManyAsync(host, 100).WaitAsync(TimeSpan.FromMinutes(8));

        Assert.Equal(100, host.Registry.Latest["order"].Version);
        Assert.Equal(99, host.Events.Count(e => e.Kind == DeploymentEventKind.Unloaded));
        Assert.All(host.Registry.Versions.Where(v => v.Version < 100), v => Assert.True(v.IsUnloaded, $"{v} is still loaded"));
        Assert.True(AllCollected(weak), $"{weak.Count(w => w.IsAlive)} of {weak.Count} old flow assemblies are still alive");
        Assert.Equal(InstanceStatus.Completed, (await host.OrderAsync("lamp", 10m)).Status);
    }

    /// <summary>Deploys alternating rules (each is a new version: Camunda compares with the latest only), runs an order on every tenth; returns the old versions' assemblies, weakly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<List<WeakReference>> DeployManyAsync(ContentHost host, int count)
    {
        var weak = new List<WeakReference>();
        for (var i = 1; i <= count; i++)
        {
            var version = await host.Deployer.DeployAsync("order", OrderDiagrams.Order(rule: i % 2 == 0 ? "amount &lt;= 1000" : "amount &lt;= 2000"));
            Assert.Equal(i, version.Version);
            if (i % 10 == 0)
            {
                Assert.Equal(InstanceStatus.Completed, (await host.OrderAsync("lamp", 10m)).Status);
            }

            if (i < count)
            {
                weak.Add(version.Assembly);
            }
        }

        return weak;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool AllCollected(List<WeakReference> references)
    {
        for (var i = 0; i < 30 && references.Any(r => r.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return references.All(r => !r.IsAlive);
    }
}
