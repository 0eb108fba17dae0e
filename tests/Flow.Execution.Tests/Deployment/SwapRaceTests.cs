using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Latest is never an unloaded version, whatever a swap races with.</summary>
public class SwapRaceTests
{
    private const int Rounds = 3000;

    /// <summary>
    /// Each round: version X is unloaded and not latest; an instance starts on X (which loads X
    /// again), then "roll back to X" and "X's last instance ends" run at the same moment. The
    /// ending instance releases X and tries to unload it; the rollback makes it latest. Latest
    /// must be X and loaded afterwards, and acquiring it must return at once.
    /// </summary>
    [Fact]
    public async Task Rollback_racing_the_end_of_its_targets_last_instance_never_leaves_latest_unloaded()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        var reloads = 0;

        var run = Task.Run(async () =>
        {
            var target = 1;
            for (var round = 0; round < Rounds; round++)
            {
                var before = fx.Registry.Versions.Single(v => v.Version == target);
                Assert.True(before.IsUnloaded, $"round {round}: v{target} should be unloaded before it is resumed");
                var held = await fx.Engine.StartAsync("order", deploymentVersion: target);
                if (fx.Registry.Versions.Single(v => v.Version == target) != before)
                {
                    reloads++;
                }

                using var start = new Barrier(2);
                var rollback = Task.Run(() =>
                {
                    start.SignalAndWait();
                    return fx.Registry.RollbackAsync(TestDeployment.Name, target);
                });
                var end = Task.Run(() =>
                {
                    start.SignalAndWait();
                    return fx.Engine.CompleteAsync(held.Id, "Review");
                });
                await Task.WhenAll(rollback, end);

                var latest = fx.Registry.Latest["order"];
                Assert.False(latest.IsUnloaded, $"round {round}: latest {latest} is unloaded");
                Assert.Equal(target, latest.Version);
                var acquired = fx.Registry.AcquireLatest("order");
                Assert.Same(latest, acquired);
                fx.Registry.Release(acquired!);
                target = 3 - target;
            }
        });

        await run.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(Rounds, reloads);
    }
}
