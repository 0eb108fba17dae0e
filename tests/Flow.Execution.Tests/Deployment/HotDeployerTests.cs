using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;

namespace Flow.Execution.Tests.Deployment;

public class HotDeployerTests
{
    private static async Task<bool> EventuallyAsync(Func<bool> condition, int seconds = 20)
    {
        for (var i = 0; i < seconds * 20 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }

    [Fact]
    public async Task A_deployer_and_its_detector_can_both_be_disposed_as_a_container_does()
    {
        using var fx = new DeploymentFixture();
        var detector = new FileSystemChangeDetector(fx.Root, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400));
        var deployer = new HotDeployer(fx.Engine, detector);
        await deployer.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        await deployer.DisposeAsync(); // disposes its detector
        await detector.DisposeAsync(); // and the container disposes the same singleton again
    }

    [Fact]
    public async Task A_folder_copied_into_the_root_goes_live_and_a_broken_one_changes_nothing()
    {
        using var fx = new DeploymentFixture();
        await using var deployer = new HotDeployer(fx.Engine, new FileSystemChangeDetector(fx.Root, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400)));
        await deployer.StartAsync();

        fx.Write(1, DeploymentFixture.A);
        Assert.True(await EventuallyAsync(() => fx.Registry.Latest.TryGetValue("order", out var v) && v.Version == 1), "v1 did not go live");

        // Half-copied: the assembly is there, the manifest (the commit point) not yet.
        var half = Path.Combine(fx.Root, "Shop.Flows-v2");
        Directory.CreateDirectory(half);
        File.WriteAllBytes(Path.Combine(half, TestDeployment.Name + ".dll"), DeploymentFixture.B[..1000]);
        await Task.Delay(1000);
        Assert.Equal(1, fx.Registry.Latest["order"].Version);
        Assert.DoesNotContain(fx.Events, e => e.Kind == DeploymentEventKind.Failed);

        // A manifest whose file does not match: refused, v1 stays live.
        var broken = fx.Write(3, DeploymentFixture.B, folder: "Shop.Flows-v3");
        File.WriteAllBytes(Path.Combine(broken, TestDeployment.Name + ".dll"), DeploymentFixture.B[..1000]);
        Assert.True(await EventuallyAsync(() => fx.Events.Any(e => e.Kind == DeploymentEventKind.Failed)), "the broken folder was not reported");
        Assert.Equal(1, fx.Registry.Latest["order"].Version);

        // The copy completes: v2 goes live.
        fx.Write(2, DeploymentFixture.B);
        Assert.True(await EventuallyAsync(() => fx.Registry.Latest["order"].Version == 2), "v2 did not go live");

        await deployer.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_json_cache_hook_that_unloading_needs_exists() => Assert.True(JsonCachesAccess.CanClear);
}
