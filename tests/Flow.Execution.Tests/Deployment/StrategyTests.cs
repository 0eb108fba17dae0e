using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Running instances when a new version goes live: proceed (default), abort, or migrate.</summary>
public class StrategyTests
{
    [Fact]
    public async Task Abort_ends_the_old_versions_running_instances()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        fx.Engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Abort));

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));

        Assert.Equal(InstanceStatus.Aborted, (await fx.Engine.GetAsync(old.Id))!.Status);
        Assert.True(fx.Registry.Versions.Single(v => v.Version == 1).IsUnloaded);
    }

    [Fact]
    public async Task Migrate_moves_waiting_instances_to_the_new_version_by_node_id()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        fx.Engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Migrate));

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        var migrated = await fx.Engine.GetAsync(old.Id);
        var done = await fx.Engine.CompleteAsync(old.Id, "Review");

        Assert.Equal(2, migrated!.DeploymentVersion);
        Assert.Equal(2, done.DeploymentVersion);
        Assert.Contains("\"A\",\"B\"", done.DataJson.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_follows_a_node_mapping_to_a_renamed_wait_state()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        var renamed = TestDeployment.Compile("B", TestDeployment.OrderBpmn(reviewId: "Approval"));
        await fx.DeployAsync(fx.Write(2, renamed));

        var migrated = await fx.Engine.MigrateAsync(old.Id, new Dictionary<string, string> { ["Review"] = "Approval" });
        var done = await fx.Engine.CompleteAsync(old.Id, "Approval");

        Assert.Equal(new[] { "Approval" }, migrated.WaitingAt);
        Assert.Equal(InstanceStatus.Completed, done.Status);
    }

    [Fact]
    public async Task A_migration_that_does_not_fit_leaves_the_instance_exactly_as_it_was()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        var before = await fx.Store.LoadAsync(old.Id);
        var renamed = TestDeployment.Compile("B", TestDeployment.OrderBpmn(reviewId: "Approval"));
        await fx.DeployAsync(fx.Write(2, renamed));

        await Assert.ThrowsAsync<InvalidOperationException>(() => fx.Engine.MigrateAsync(old.Id));

        Assert.Equal(before, await fx.Store.LoadAsync(old.Id));
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(old.Id, "Review")).Status);
    }

    [Fact]
    public async Task Migrate_leaves_an_instance_that_ended_in_failure_on_its_version()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        var stored = (await fx.Store.LoadAsync(old.Id))!;
        var ended = stored with { Status = InstanceStatus.Failed, Ended = true, EndedAt = DateTimeOffset.UtcNow };
        Assert.True(await fx.Store.TrySaveAsync(ended, stored.Revision));
        var failures = new List<string>();
        fx.Engine.StrategyFailed += failure => failures.Add(failure.InstanceId);
        fx.Engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Migrate));

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));

        var after = (await fx.Store.LoadAsync(old.Id))!;
        Assert.Equal(1, after.DeploymentVersion);
        Assert.Equal(InstanceStatus.Failed, after.Status);
        Assert.Empty(failures);
    }
}
