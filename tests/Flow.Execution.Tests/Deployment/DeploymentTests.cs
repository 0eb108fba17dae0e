using System.Text.Json;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

public class DeploymentTests
{
    private static List<string> Marks(InstanceSnapshot snapshot) =>
        JsonDocument.Parse(snapshot.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task A_deployed_process_starts_by_key_and_runs_on_its_version()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));

        var started = await fx.Engine.StartAsync("order", """{"amount": 5}""");
        var done = await fx.Engine.CompleteAsync(started.Id, "Review");

        Assert.Equal(InstanceStatus.Waiting, started.Status);
        Assert.Equal(1, started.DeploymentVersion);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(new[] { "A", "A" }, Marks(done));
    }

    [Fact]
    public async Task Identical_content_activates_nothing_new()
    {
        using var fx = new DeploymentFixture();
        var first = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)))[0];

        var again = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, folder: "copy")))[0];

        Assert.Same(first, again);
        Assert.Single(fx.Registry.Versions);
        Assert.Equal(DeploymentEventKind.Unchanged, fx.Events[^1].Kind);
    }

    [Fact]
    public async Task A_new_version_serves_new_instances_while_old_ones_finish_on_theirs_then_unloads()
    {
        using var fx = new DeploymentFixture();
        var v1 = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)))[0];
        var old = await fx.Engine.StartAsync("order");

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        var fresh = await fx.Engine.StartAsync("order");
        Assert.Equal(2, fresh.DeploymentVersion);
        Assert.False(v1.IsUnloaded);

        var finished = await fx.Engine.CompleteAsync(old.Id, "Review");

        Assert.Equal(new[] { "A", "A" }, Marks(finished));
        Assert.True(v1.IsUnloaded);
        Assert.True(Unloading.AllCollected(new[] { v1.Assembly }), "version 1 was not collected");
        Assert.Contains(fx.Events, e => e.Kind == DeploymentEventKind.Unloaded && e.Version == 1);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("truncated")]
    [InlineData("missing")]
    public async Task A_file_that_does_not_match_the_manifest_refuses_the_whole_deployment(string damage)
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var folder = fx.Write(2, DeploymentFixture.B);
        var dll = Path.Combine(folder, TestDeployment.Name + ".dll");
        switch (damage)
        {
            case "tampered": var bytes = File.ReadAllBytes(dll); bytes[^10] ^= 0xFF; File.WriteAllBytes(dll, bytes); break;
            case "truncated": File.WriteAllBytes(dll, File.ReadAllBytes(dll)[..100]); break;
            default: File.Delete(dll); break;
        }

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6003", error.Id);
        Assert.Contains(TestDeployment.Name + ".dll", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fx.Registry.Latest["order"].Version);
        Assert.Single(fx.Registry.Versions);
        Assert.Equal(1, (await fx.Engine.StartAsync("order")).DeploymentVersion);
    }

    [Fact]
    public async Task A_manifest_path_that_leaves_the_folder_is_refused()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        var manifestPath = Path.Combine(folder, DeploymentManifest.FileName);
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"path\":\"Shop.Flows.dll\"", "\"path\":\"../outside.dll\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6004", error.Id);
        Assert.Empty(fx.Registry.Versions);
    }

    [Fact]
    public async Task A_folder_without_its_manifest_is_not_a_deployment_yet()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        File.Delete(Path.Combine(folder, DeploymentManifest.FileName));

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6001", error.Id);
    }

    [Fact]
    public async Task Deploying_several_is_all_or_none()
    {
        using var fx = new DeploymentFixture();
        var good = fx.Write(1, DeploymentFixture.A);
        var bad = fx.Write(2, DeploymentFixture.B);
        File.WriteAllText(Path.Combine(bad, DeploymentManifest.FileName), "{ not json");

        await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(good, bad));

        Assert.Empty(fx.Registry.Latest);
    }

    [Fact]
    public async Task A_rollback_makes_an_earlier_version_latest_again_reloading_it_if_needed()
    {
        using var fx = new DeploymentFixture();
        var v1 = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)))[0];
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        Assert.True(v1.IsUnloaded);

        var back = await fx.Registry.RollbackAsync(TestDeployment.Name, 1);
        var started = await fx.Engine.StartAsync("order");
        var done = await fx.Engine.CompleteAsync(started.Id, "Review");

        Assert.Equal(1, back.Version);
        Assert.True(back.Activation > v1.Activation);
        Assert.Equal(new[] { "A", "A" }, Marks(done));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Undeploy_keeps_or_deletes_instances_as_the_manifest_says(bool delete)
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, new ManifestSettings { DeleteUponUndeploy = delete }));
        var waiting = await fx.Engine.StartAsync("order");

        await fx.Engine.UndeployAsync(TestDeployment.Name);

        Assert.Empty(fx.Registry.Latest);
        await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.StartAsync("order"));
        if (delete)
        {
            Assert.Null(await fx.Engine.GetAsync(waiting.Id));
        }
        else
        {
            Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(waiting.Id, "Review")).Status);
        }
    }

    [Fact]
    public async Task A_failed_health_check_keeps_the_old_version_live()
    {
        using var fx = new DeploymentFixture(healthCheck: async (key, process, ct) =>
        {
            var instance = await process.StartAsync(Activator.CreateInstance(process.DataType)!, ct);
            var json = instance.ToJson();
            return !json.Contains("\"B\"", StringComparison.Ordinal);   // variant B fails its test case
        });
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(fx.Write(2, DeploymentFixture.B)));

        Assert.Equal("FLOW6006", error.Id);
        Assert.Equal(1, fx.Registry.Latest["order"].Version);
        Assert.Contains(fx.Events, e => e.Kind == DeploymentEventKind.Failed && e.Version == 2);
    }

    [Fact]
    public async Task Two_completions_of_the_same_task_cannot_both_succeed()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var started = await fx.Engine.StartAsync("order");

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                await fx.Engine.CompleteAsync(started.Id, "Review");
                return true;
            }
            catch (Exception ex) when (ex is FlowConcurrencyException or InvalidOperationException)
            {
                return false;
            }
        })));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(new[] { "A", "A" }, Marks((await fx.Engine.GetAsync(started.Id))!));
    }

    [Fact]
    public async Task A_canary_runs_beside_the_stable_version_under_its_own_key()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var canary = TestDeployment.Compile("B", TestDeployment.OrderBpmn(key: "order-canary"));
        await fx.DeployAsync(fx.Write(1, canary, name: "Shop.Flows.Canary"));

        var stable = await fx.Engine.StartAsync("order");
        var trial = await fx.Engine.StartAsync("order-canary");

        Assert.Equal(TestDeployment.Name, stable.DeploymentName);
        Assert.Equal("Shop.Flows.Canary", trial.DeploymentName);
        Assert.Equal(new[] { "B", "B" }, Marks(await fx.Engine.CompleteAsync(trial.Id, "Review")));
        Assert.Equal(new[] { "A", "A" }, Marks(await fx.Engine.CompleteAsync(stable.Id, "Review")));
    }

    [Fact]
    public async Task An_instance_can_start_on_a_given_version_while_it_is_registered()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var held = await fx.Engine.StartAsync("order");
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));

        var onOld = await fx.Engine.StartAsync("order", deploymentVersion: 1);
        var onLatest = await fx.Engine.StartAsync("order");

        Assert.Equal(1, onOld.DeploymentVersion);
        Assert.Equal(2, onLatest.DeploymentVersion);
        Assert.Equal(new[] { "A", "A" }, Marks(await fx.Engine.CompleteAsync(onOld.Id, "Review")));
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(held.Id, "Review")).Status);
    }
}
