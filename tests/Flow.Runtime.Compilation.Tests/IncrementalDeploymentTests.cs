using System.Text;
using Flow.Compilation;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Hosting;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>
/// Incremental deployments (issue 16): a new version of a deployment made of the previous
/// version's diagrams plus changed or added ones, kept whole by a deployment store across a restart.
/// </summary>
public class IncrementalDeploymentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static string Refund(string taskId = "Task_Check") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="RefundDefs">
          <bpmn:process id="refund" name="Refund" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="{taskId}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="{taskId}" />
            <bpmn:sequenceFlow id="F2" sourceRef="{taskId}" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_diagram_added_or_changed_is_deployed_with_the_previous_versions_other_diagrams()
    {
        var host = new ContentHost();

        var v1 = await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("order", OrderDiagrams.Order())]).WaitAsync(Timeout);
        var v2 = await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("refund", Refund())]).WaitAsync(Timeout);
        var waitingRefund = await host.Engine.StartAsync("refund");
        var v3 = await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("order", OrderDiagrams.Order(rule: "amount &lt;= 1"))]).WaitAsync(Timeout);

        Assert.Equal((1, 2, 3), (v1.Version, v2.Version, v3.Version));
        Assert.Equal(new[] { "order", "refund" }, v3.Manifest.Processes.Select(p => p.Key));
        Assert.Equal(new[] { "order.bpmn", "refund.bpmn" }, v3.Manifest.Files.Select(f => f.Path).Where(p => p.EndsWith(".bpmn", StringComparison.Ordinal)).Order());
        Assert.Equal(Refund(), Encoding.UTF8.GetString(v3.ReadResource("refund.bpmn")!));   // kept as it was
        Assert.Same(v3, host.Registry.Latest["refund"]);
        Assert.Equal(InstanceStatus.Waiting, (await host.OrderAsync("lamp", 10m)).Status);  // the changed rule serves
        Assert.Equal(3, (await host.Engine.StartAsync("refund")).DeploymentVersion);
        Assert.Equal(2, (await host.Engine.CompleteAsync(waitingRefund.Id, "Task_Check")).DeploymentVersion);   // stays on its version
    }

    [Fact]
    public async Task Texts_equal_to_the_previous_versions_deploy_nothing()
    {
        var host = new ContentHost();
        var v1 = await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("order", OrderDiagrams.Order()), new BpmnContent("refund", Refund())]).WaitAsync(Timeout);

        var again = await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("refund", Refund())]).WaitAsync(Timeout);

        Assert.Same(v1, again);
        Assert.Single(host.Registry.Versions);
        Assert.True(host.Completed.Last().Unchanged);
    }

    [Fact]
    public async Task A_changed_diagram_that_does_not_compile_deploys_nothing_and_is_reported_at_its_line()
    {
        var host = new ContentHost();
        await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("order", OrderDiagrams.Order()), new BpmnContent("refund", Refund())]).WaitAsync(Timeout);

        var refused = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("order", OrderDiagrams.Order(rule: "nosuchvariable &gt; 1"))]).WaitAsync(Timeout));

        var error = Assert.Single(refused.Diagnostics, d => d.IsError);
        Assert.Equal("order", error.Key);
        Assert.True(error.Line > 0);
        Assert.Equal(1, host.Registry.Latest["order"].Version);
        Assert.Single(host.Failed);
    }

    [Fact]
    public async Task With_a_deployment_store_a_restarted_host_resumes_the_diagrams_deployed_at_run_time()
    {
        var store = new InMemoryDeploymentStore();   // outlives the hosts, as a database does
        var before = new ContentHost(store: store, node: "before");
        await before.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("order", OrderDiagrams.Order())]).WaitAsync(Timeout);
        await before.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("refund", Refund())]).WaitAsync(Timeout);

        var after = new ContentHost(store: store, node: "after");
        await using (var follower = new DeploymentLogFollower(after.Registry))
        {
            await follower.ApplyPendingAsync().WaitAsync(Timeout);
        }

        Assert.Equal(2, after.Registry.Latest["refund"].Version);
        Assert.Equal(InstanceStatus.Completed, (await after.OrderAsync("lamp", 10m)).Status);
        Assert.Empty(after.Completed);   // loaded from the store, not compiled again

        // The next incremental deployment on the restarted host starts from the stored set.
        var v3 = await after.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("refund", Refund("Task_Approve"))]).WaitAsync(Timeout);
        Assert.Equal(3, v3.Version);
        Assert.Equal(new[] { "order", "refund" }, v3.Manifest.Processes.Select(p => p.Key));
        Assert.NotNull(await store.LoadAsync("shop", 3));
    }

    [Fact]
    public async Task A_tenants_incremental_deployment_counts_its_own_versions()
    {
        var host = new ContentHost();
        await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("refund", Refund())]).WaitAsync(Timeout);

        var acme = await host.Deployer.DeployIncrementalAsync("shop", [new BpmnContent("refund", Refund("Task_Approve"))], tenantId: "acme").WaitAsync(Timeout);

        Assert.Equal(("acme", 1), (acme.TenantId, acme.Version));
        Assert.Equal("acme", (await host.Engine.StartAsync("refund", tenantId: "acme")).TenantId);
        Assert.Null((await host.Engine.StartAsync("refund", tenantId: "globex")).TenantId);   // the shared one
    }
}
