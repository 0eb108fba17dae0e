using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Latest is never an unloaded version, whatever a swap races with.</summary>
public class SwapRaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Each round: version X is unloaded and not latest; its last user acquires it (which loads
    /// X again from its bytes), then "roll back to X" and "X's last user releases it" run at the
    /// same moment. The release tries to unload X; the rollback makes it latest. Latest must be
    /// X and loaded afterwards, and acquiring it must return at once.
    /// </summary>
    [Fact]
    public async Task Rollback_racing_the_release_of_its_targets_last_user_never_leaves_latest_unloaded()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));

        var reloads = await Race(fx, 3000, target =>
        {
            var held = fx.Registry.Acquire(TestDeployment.Name, target)!;
            return Task.FromResult<Action>(() => fx.Registry.Release(held));
        }).WaitAsync(Timeout);

        Assert.Equal(3000, reloads);
    }

    /// <summary>The same race through the engine: an instance started on X completes while X is rolled back to.</summary>
    [Fact]
    public async Task Rollback_racing_the_end_of_its_targets_last_instance_never_leaves_latest_unloaded()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));

        var reloads = await Race(fx, 100, async target =>
        {
            var held = await fx.Engine.StartAsync("order", deploymentVersion: target);
            return () => fx.Engine.CompleteAsync(held.Id, "Review").GetAwaiter().GetResult();
        }).WaitAsync(Timeout);

        Assert.Equal(100, reloads);
    }

    /// <summary>Runs the rounds; returns how many of them loaded the target again.</summary>
    private static Task<int> Race(DeploymentFixture fx, int rounds, Func<int, Task<Action>> holdLastUser) => Task.Run(async () =>
    {
        var reloads = 0;
        var target = 1;
        for (var round = 0; round < rounds; round++)
        {
            var before = fx.Registry.Versions.Single(v => v.Version == target);
            Assert.True(before.IsUnloaded, $"round {round}: v{target} should be unloaded before its last user takes it");
            var release = await holdLastUser(target);
            reloads += fx.Registry.Versions.Single(v => v.Version == target) != before ? 1 : 0;

            using var start = new Barrier(2);
            var rollback = Task.Run(() =>
            {
                start.SignalAndWait();
                return fx.Registry.RollbackAsync(TestDeployment.Name, target);
            });
            var end = Task.Run(() =>
            {
                start.SignalAndWait();
                release();
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

        return reloads;
    });
}
