using Flow.Compilation;
using Flow.Deployment;

namespace Flow.Runtime.Compilation.Tests;

public class ContentDeploymentTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Content_compiles_deploys_and_serves_with_its_handler_bound_by_name()
    {
        var host = new ContentHost();
        var version = await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        Assert.Equal(1, version.Version);
        Assert.Same(version, host.Registry.Latest["order"]);

        var small = await host.OrderAsync("lamp", 250m);
        Assert.Equal(InstanceStatus.Completed, small.Status);
        Assert.True(small.Data["inStock"]!.GetValue<bool>());
        Assert.True(small.Data["approved"]!.GetValue<bool>());
        var large = await host.OrderAsync("desk", 5000m);
        Assert.Equal(InstanceStatus.Waiting, large.Status);
        Assert.False(large.Data["inStock"]!.GetValue<bool>());

        var completed = Assert.Single(host.Completed);
        Assert.Equal(("order", "order", 1, false), (completed.Key, completed.DeploymentName, completed.Version, completed.Unchanged));
        Assert.True(completed.Duration > TimeSpan.Zero);
        Assert.Contains(host.Events, e => e.Kind == DeploymentEventKind.Activated && e.Name == "order" && e.Version == 1);
    }

    [Fact]
    public async Task Identical_text_deploys_nothing_new_and_changed_text_is_the_next_version()
    {
        var host = new ContentHost();
        await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        var again = await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        Assert.Equal(1, again.Version);
        Assert.True(host.Completed[1].Unchanged);
        Assert.Contains(host.Events, e => e.Kind == DeploymentEventKind.Unchanged && e.Version == 1);
        Assert.Single(host.Events, e => e.Kind == DeploymentEventKind.Activated);

        // A rule change: large orders up to 10,000 are approved automatically now.
        var changed = await host.Deployer.DeployAsync("order", OrderDiagrams.Order(rule: "amount &lt;= 10000")).WaitAsync(Limit);
        Assert.Equal(2, changed.Version);
        var order = await host.OrderAsync("desk", 5000m);
        Assert.Equal((InstanceStatus.Completed, 2), (order.Status, order.Version));
    }

    [Fact]
    public async Task A_deployer_that_did_not_compile_the_live_text_still_recognises_it_as_identical()
    {
        // Compilation is deterministic: a second deployer (another node, a restart) compiles the
        // same bytes, so the registry finds the content identical.
        var host = new ContentHost();
        await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        var other = new ContentDeployer(host.Registry);
        var again = await other.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        Assert.Equal(1, again.Version);
        Assert.Single(host.Events, e => e.Kind == DeploymentEventKind.Activated);
    }

    [Fact]
    public async Task A_file_deploys_under_its_name()
    {
        var folder = Directory.CreateTempSubdirectory("flow-content-");
        try
        {
            var path = Path.Combine(folder.FullName, "order.bpmn");
            await File.WriteAllTextAsync(path, OrderDiagrams.Order());
            var host = new ContentHost();
            var version = await host.Deployer.DeployFileAsync(path).WaitAsync(Limit);
            Assert.Equal(("order", 1), (version.Name, version.Version));
            Assert.Equal(InstanceStatus.Completed, (await host.OrderAsync("lamp", 10m)).Status);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_batch_with_one_bad_member_deploys_nothing()
    {
        var host = new ContentHost();
        var bad = OrderDiagrams.Order(rule: "amout &lt;= 1000", key: "refund");
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAllAsync(new[]
        {
            new BpmnContent("order", OrderDiagrams.Order()),
            new BpmnContent("refund", bad),
        }).WaitAsync(Limit));

        Assert.Equal(CompilationErrors.CompilationFailed, error.Id);
        Assert.Empty(host.Registry.Latest);
        Assert.Empty(host.Registry.Versions);
        Assert.DoesNotContain(host.Events, e => e.Kind == DeploymentEventKind.Activated);
        var failed = Assert.Single(host.Failed);
        Assert.Equal("refund", failed.Key);
        var cs0103 = Assert.Single(failed.Diagnostics, d => d.Id == "CS0103");
        Assert.Equal(OrderDiagrams.Find(bad, "amout"), (cs0103.Line, cs0103.Column));
    }

    [Fact]
    public async Task A_failed_compile_keeps_the_live_version_serving_and_reports_every_error_in_the_text()
    {
        var host = new ContentHost();
        await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        var bad = OrderDiagrams.Order(rule: "amout &lt;= 1000", script: "approved = \"yes\";");
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync("order", bad).WaitAsync(Limit));

        Assert.Contains(error.Diagnostics, d => d.Id == "CS0103" && (d.Line, d.Column) == OrderDiagrams.Find(bad, "amout"));
        Assert.Contains(error.Diagnostics, d => d.Id == "CS0029" && d.Line == OrderDiagrams.Find(bad, "approved = \"yes\"").Line);
        Assert.Contains("order.bpmn(", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Registry.Latest["order"].Version);
        Assert.Equal((InstanceStatus.Completed, 1), ((await host.OrderAsync("lamp", 10m)).Status, (await host.OrderAsync("lamp", 10m)).Version));
        var failed = Assert.Single(host.Failed);
        Assert.Same(error, failed.Error);
    }

    [Fact]
    public async Task A_diagram_error_is_reported_with_its_FLOW_id_at_its_place()
    {
        var host = new ContentHost();
        var bad = OrderDiagrams.Order().Replace("targetRef=\"Task_AutoApprove\"", "targetRef=\"Task_Nowhere\"", StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync("order", bad).WaitAsync(Limit));
        Assert.Contains(error.Diagnostics, d => d.Id == "FLOW1004" && d.IsError && d.Line == OrderDiagrams.Find(bad, "Task_Nowhere").Line);
        Assert.Empty(host.Registry.Latest);
    }

    [Fact]
    public async Task A_missing_handler_binding_is_refused_before_anything_goes_live()
    {
        var host = new ContentHost();
        await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => host.Deployer.DeployAsync("order", OrderDiagrams.Order(handler: "reserveStock")).WaitAsync(Limit));
        Assert.Equal("FLOW6240", error.Id);
        Assert.Contains("task 'Task_CheckStock' → handler 'reserveStock'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Registry.Latest["order"].Version);
        Assert.Same(error, Assert.Single(host.Failed).Error);
    }

    [Fact]
    public async Task A_script_that_reaches_the_file_system_is_refused_at_its_place()
    {
        var host = new ContentHost();
        var bad = OrderDiagrams.Order(script: "approved = System.IO.File.Exists(&quot;/etc/passwd&quot;);");
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync("order", bad).WaitAsync(Limit));
        Assert.Equal(CompilationErrors.DeniedApi, error.Id);
        Assert.Contains(error.Diagnostics, d => d.Id == CompilationErrors.DeniedApi && d.Line == OrderDiagrams.Find(bad, "System.IO.File").Line && d.Message.Contains("System.IO", StringComparison.Ordinal));
        Assert.Empty(host.Registry.Latest);
    }

    [Theory]
    [InlineData("approved = System.Environment.ProcessorCount > 0;")]
    [InlineData("approved = typeof(string).Assembly != null;")]
    [InlineData("approved = System.Activator.CreateInstance(typeof(object)) != null;")]
    public async Task Scripts_cannot_reach_the_environment_or_reflection(string script)
    {
        var host = new ContentHost();
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync("order", OrderDiagrams.Order(script: script)).WaitAsync(Limit));
        Assert.Equal(CompilationErrors.DeniedApi, error.Id);
    }

    [Fact]
    public async Task Compiling_longer_than_the_timeout_is_refused()
    {
        var host = new ContentHost();
        var deployer = new ContentDeployer(host.Registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromTicks(1) });
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit));
        Assert.Equal(CompilationErrors.Timeout, error.Id);
        Assert.Empty(host.Registry.Latest);
    }

    [Fact]
    public async Task Two_deployers_changing_one_name_at_once_both_deploy_under_distinct_versions()
    {
        // Each numbers its change from the registry after compiling; whichever registers second
        // finds its number taken and moves on to the next free one instead of being refused.
        var host = new ContentHost();
        var other = new ContentDeployer(host.Registry);
        await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        for (var round = 0; round < 3; round++)
        {
            var both = await Task.WhenAll(
                host.Deployer.DeployAsync("order", OrderDiagrams.Order(rule: $"amount &lt;= {100 + round}")),
                other.DeployAsync("order", OrderDiagrams.Order(rule: $"amount &lt;= {200 + round}"))).WaitAsync(Limit);
            Assert.NotEqual(both[0].Version, both[1].Version);
        }

        Assert.Empty(host.Failed);
        Assert.Equal(7, host.Registry.Latest["order"].Version);
    }
}
