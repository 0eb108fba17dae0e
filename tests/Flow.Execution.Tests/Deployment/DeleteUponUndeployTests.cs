using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Camunda's deleteUponUndeploy: undeploy deletes the undeployed deployment with its instances (cascade), nothing else.</summary>
public class DeleteUponUndeployTests
{
    [Fact]
    public async Task Only_the_instances_of_the_undeployed_version_are_deleted()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var earlier = await fx.Engine.StartAsync("order");
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, new ManifestSettings { DeleteUponUndeploy = true }));
        var live = await fx.Engine.StartAsync("order");

        await fx.Engine.UndeployAsync(TestDeployment.Name);

        Assert.Null(await fx.Engine.GetAsync(live.Id));
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(earlier.Id, "Review")).Status);
    }

    [Fact]
    public async Task The_setting_of_the_undeployed_version_decides_not_that_of_an_earlier_one()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, new ManifestSettings { DeleteUponUndeploy = true }));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        var live = await fx.Engine.StartAsync("order");

        await fx.Engine.UndeployAsync(TestDeployment.Name);

        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(live.Id, "Review")).Status);
    }

    [Fact]
    public async Task Undeployed_content_stays_registered_so_the_same_content_can_go_live_again()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A, new ManifestSettings { DeleteUponUndeploy = true });
        await fx.DeployAsync(folder);

        await fx.Engine.UndeployAsync(TestDeployment.Name);
        await fx.Engine.RollbackAsync(TestDeployment.Name, 1);

        Assert.Equal(1, (await fx.Engine.StartAsync("order")).DeploymentVersion);
    }
}
