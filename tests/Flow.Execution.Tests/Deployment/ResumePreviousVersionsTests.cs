using System.Text.Json;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Camunda's resumePreviousVersions (+ resumePreviousVersionsUpon): which earlier versions this
/// host keeps running instances on, and what happens to the instances of those it does not resume.
/// </summary>
public class ResumePreviousVersionsTests
{
    private static readonly Lazy<byte[]> VariantC = new(() => TestDeployment.Compile("C"));

    private static ManifestSettings NotResumed(string upon = "process-definition-key") =>
        new() { ResumePreviousVersions = false, ResumePreviousVersionsUpon = upon };

    private static List<string> Marks(InstanceSnapshot snapshot) =>
        JsonDocument.Parse(snapshot.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()!).ToList();

    [Theory]
    [InlineData("process-definition-key")]
    [InlineData("deployment-name")]
    public async Task True_keeps_the_earlier_version_running_its_instances(string upon)
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, new ManifestSettings { ResumePreviousVersions = true, ResumePreviousVersionsUpon = upon }));
        var done = await fx.Engine.CompleteAsync(old.Id, "Review");

        Assert.True(fx.Registry.IsResumed(TestDeployment.Name, 1));
        Assert.Equal(1, done.DeploymentVersion);
        Assert.Equal(new[] { "A", "A" }, Marks(done));
    }

    [Theory]
    [InlineData("process-definition-key")]
    [InlineData("deployment-name")]
    public async Task False_with_proceed_leaves_the_instance_stored_untouched_and_refuses_commands(string upon)
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        var before = await fx.Store.LoadAsync(old.Id);

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, NotResumed(upon)));

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.CompleteAsync(old.Id, "Review"));
        Assert.Equal("FLOW6270", error.Id);
        Assert.Contains("'Shop.Flows' version 1 is not resumed", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fx.Store.LoadAsync(old.Id));
        Assert.Equal("FLOW6270", (await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.StartAsync("order", deploymentVersion: 1))).Id);
        Assert.False(fx.Registry.IsResumed(TestDeployment.Name, 1));
        Assert.True(fx.Registry.Versions.Single(v => v.Version == 1).IsUnloaded);   // its instance no longer holds it
        Assert.Equal(new[] { "B" }, Marks(await fx.Engine.StartAsync("order")));
    }

    [Fact]
    public async Task False_with_abort_aborts_the_earlier_versions_instances()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        fx.Engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Abort));

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, NotResumed()));

        Assert.Equal(InstanceStatus.Aborted, (await fx.Engine.GetAsync(old.Id))!.Status);
    }

    [Fact]
    public async Task False_with_migrate_moves_the_instances_to_the_new_version()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        fx.Engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Migrate));

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, NotResumed()));
        var done = await fx.Engine.CompleteAsync(old.Id, "Review");

        Assert.Equal(2, done.DeploymentVersion);
        Assert.Equal(new[] { "A", "B" }, Marks(done));
    }

    [Fact]
    public async Task A_later_activation_with_true_resumes_a_version_left_not_resumed()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, NotResumed()));
        await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.CompleteAsync(old.Id, "Review"));

        await fx.DeployAsync(fx.Write(3, VariantC.Value));
        var done = await fx.Engine.CompleteAsync(old.Id, "Review");

        Assert.Equal(1, done.DeploymentVersion);
        Assert.Equal(new[] { "A", "A" }, Marks(done));   // reloaded from the bytes v1 was deployed with
    }

    [Fact]
    public async Task Rolling_back_to_a_version_left_not_resumed_resumes_it()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, NotResumed()));

        await fx.Engine.RollbackAsync(TestDeployment.Name, 1);

        Assert.True(fx.Registry.IsResumed(TestDeployment.Name, 1));
        Assert.Equal(new[] { "A", "A" }, Marks(await fx.Engine.CompleteAsync(old.Id, "Review")));
    }

    [Theory]
    [InlineData("process-definition-key", false)]   // every deployment defining the key, whatever its name
    [InlineData("deployment-name", true)]           // only deployments of the same name
    public async Task Upon_decides_whether_another_deployment_name_defining_the_key_is_resumed(string upon, bool resumed)
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, name: "Other.Flows"));
        var old = await fx.Engine.StartAsync("order");

        await fx.DeployAsync(fx.Write(1, DeploymentFixture.B, NotResumed(upon)));

        Assert.Equal(resumed, fx.Registry.IsResumed("Other.Flows", 1));
        if (resumed)
        {
            Assert.Equal(new[] { "A", "A" }, Marks(await fx.Engine.CompleteAsync(old.Id, "Review")));
        }
        else
        {
            Assert.Equal("FLOW6270", (await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.CompleteAsync(old.Id, "Review"))).Id);
        }
    }

    [Theory]
    [InlineData("process-definition-key", true)]    // no key in common: not concerned
    [InlineData("deployment-name", false)]          // same name: concerned, whatever its keys
    public async Task Upon_decides_whether_an_earlier_version_of_the_name_without_a_common_key_is_resumed(string upon, bool resumed)
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, TestDeployment.Compile("A", TestDeployment.OrderBpmn(key: "invoice"))));
        var invoice = await fx.Engine.StartAsync("invoice");
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.A));
        await fx.DeployAsync(fx.Write(1, TestDeployment.Compile("C", TestDeployment.OrderBpmn(key: "invoice")), name: "Billing.Flows"));   // v1 of Shop.Flows is latest for nothing now

        await fx.DeployAsync(fx.Write(3, DeploymentFixture.B, NotResumed(upon)));

        Assert.Equal(resumed, fx.Registry.IsResumed(TestDeployment.Name, 1));
        Assert.False(fx.Registry.IsResumed(TestDeployment.Name, 2));   // defines order and has the name: concerned either way
        if (resumed)
        {
            Assert.Equal(new[] { "A", "A" }, Marks(await fx.Engine.CompleteAsync(invoice.Id, "Review")));
        }
        else
        {
            Assert.Equal("FLOW6270", (await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.CompleteAsync(invoice.Id, "Review"))).Id);
        }
    }

    [Fact]
    public async Task A_restarted_host_replaying_the_deployment_store_does_not_resume_what_was_not_resumed()
    {
        var deployments = new InMemoryDeploymentStore();
        var instances = new InMemoryInstanceStore();
        using var fx = new DeploymentFixture();
        var first = new DeploymentRegistry { DeploymentStore = deployments, NodeId = "first" };
        var engine = new FlowEngine(first, instances);
        await engine.DeployAsync(new[] { fx.Write(1, DeploymentFixture.A) });
        var old = await engine.StartAsync("order");
        await engine.DeployAsync(new[] { fx.Write(2, DeploymentFixture.B, NotResumed()) });

        var restarted = new DeploymentRegistry { DeploymentStore = deployments, NodeId = "restarted" };
        var again = new FlowEngine(restarted, instances);
        await using var follower = new DeploymentLogFollower(restarted);
        await follower.ApplyPendingAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, restarted.Latest["order"].Version);
        Assert.False(restarted.IsResumed(TestDeployment.Name, 1));
        Assert.Equal("FLOW6270", (await Assert.ThrowsAsync<FlowDeploymentException>(() => again.CompleteAsync(old.Id, "Review"))).Id);
    }
}
