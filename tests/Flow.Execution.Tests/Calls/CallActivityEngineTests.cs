using System.Text.Json;
using System.Text.Json.Nodes;
using Flow.Deployment;
using Flow.Execution.Tests.Deployment;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Calls;

/// <summary>Call activities on the engine (issue 13): real called instances, data in and out, bindings, errors, escalations, abort, migration.</summary>
public class CallActivityEngineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static async Task<StoredInstance> Only(DeploymentFixture fx, string key) =>
        Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: key)));

    private static string State(StoredInstance stored) => stored.StateJson;

    [Fact]
    public async Task Three_levels_deep_the_called_instances_are_real_and_the_data_goes_in_and_comes_back()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, CallFlows.Compile(CallFlows.Leaf())));

        var parent = await fx.Engine.StartAsync("parent", """{"amount": 21}""").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Waiting, parent.Status);
        Assert.Equal(new[] { "Call" }, parent.WaitingAt);
        var middle = await Only(fx, "middle");
        var leaf = await Only(fx, "leaf");
        Assert.Equal(InstanceStatus.Waiting, leaf.Status);
        Assert.Contains($"\"CalledBy\":{{\"InstanceId\":\"{parent.Id}\",\"NodeId\":\"Call\"}}", State(middle), StringComparison.Ordinal);
        Assert.Contains($"\"CalledBy\":{{\"InstanceId\":\"{middle.Id}\",\"NodeId\":\"CallLeaf\"}}", State(leaf), StringComparison.Ordinal);
        Assert.Contains($"\"ChildInstanceId\":\"{leaf.Id}\"", State(middle), StringComparison.Ordinal);

        // sourceExpression ${amount * 2} went in as total, and variables="all" carried it down.
        Assert.Contains("\"total\":42", (await fx.Engine.GetAsync(leaf.Id))!.DataJson, StringComparison.Ordinal);

        await fx.Engine.CompleteAsync(leaf.Id, "Approve", """{"result": "approved"}""").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.GetAsync(leaf.Id))!.Status);
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.GetAsync(middle.Id))!.Status);
        var done = (await fx.Engine.GetAsync(parent.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"outcome\":\"approved\"", done.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"version\":\"v1\"", done.DataJson, StringComparison.Ordinal);
        Assert.Equal(new[] { "S", "Before", "Call", "E" }, done.Trace);
        Assert.Equal(0, fx.Registry.Versions.Single().Users);
    }

    [Fact]
    public async Task An_error_end_two_levels_down_is_caught_by_the_error_boundary_of_the_call_activity()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, CallFlows.Compile(CallFlows.Leaf(errorCode: "E1"))));

        var parent = await fx.Engine.StartAsync("parent").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Completed, parent.Status);
        Assert.Equal(new[] { "S", "Before", "Call", "Failed", "FailedEnd" }, parent.Trace);
        var middle = await Only(fx, "middle");
        Assert.Equal(InstanceStatus.Failed, middle.Status);
        Assert.Contains("\"Kind\":\"BpmnError\",\"Message\":\"E1\"", State(middle), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uncaught_escalation_in_the_called_instance_reaches_the_non_interrupting_boundary_and_the_call_goes_on()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, CallFlows.Compile(CallFlows.Leaf(escalate: true))));

        var parent = await fx.Engine.StartAsync("parent").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Waiting, parent.Status);
        Assert.Contains("\"escalated\":1", parent.DataJson, StringComparison.Ordinal);
        Assert.Contains("LateEnd", parent.Trace);
        Assert.Equal(new[] { "Call" }, parent.WaitingAt);
        var leaf = await Only(fx, "leaf");
        await fx.Engine.CompleteAsync(leaf.Id, "Approve", """{"result": "late but done"}""").WaitAsync(Timeout);
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.GetAsync(parent.Id))!.Status);
    }

    [Fact]
    public async Task Aborting_the_caller_aborts_every_instance_below_it()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, CallFlows.Compile(CallFlows.Leaf())));
        var parent = await fx.Engine.StartAsync("parent").WaitAsync(Timeout);

        Assert.True(await fx.Engine.AbortAsync(parent.Id).WaitAsync(Timeout));

        Assert.Equal(InstanceStatus.Aborted, (await Only(fx, "middle")).Status);
        Assert.Equal(InstanceStatus.Aborted, (await Only(fx, "leaf")).Status);
        Assert.Equal(0, fx.Registry.Versions.Single().Users);
    }

    [Fact]
    public async Task A_called_process_that_is_not_deployed_fails_the_command_and_saves_nothing()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/parent.bpmn", CallFlows.Parent(called: "elsewhere") .Replace("calledElement=\"elsewhere\"", "calledElement=\"elsewhere\" flow:external=\"true\"", StringComparison.Ordinal)) }, Array.Empty<string>())));

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.StartAsync("parent"));

        Assert.Equal("FLOW6200", refused.Id);
        Assert.Contains("'elsewhere'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Engine.QueryAsync(new InstanceQuery()));
        Assert.Equal(0, fx.Registry.Versions.Single().Users);
    }

    [Theory]
    [InlineData("", "v2")]
    [InlineData("camunda:calledElementBinding=\"latest\"", "v2")]
    [InlineData("camunda:calledElementBinding=\"deployment\"", "v1")]
    [InlineData("camunda:calledElementBinding=\"version\" camunda:calledElementVersion=\"1\"", "v1")]
    public async Task The_binding_chooses_the_version_of_the_called_process(string binding, string expected)
    {
        using var fx = new DeploymentFixture();
        var parent = CallFlows.Parent(called: "leaf", binding: binding, waitFirst: true);
        await fx.DeployAsync(fx.Write(1, CallFlows.Compile(CallFlows.Leaf("v1"), parent)));
        var started = await fx.Engine.StartAsync("parent").WaitAsync(Timeout);

        // Version 2 changes only the leaf: the leaf's process version becomes 2, the others stay 1.
        var second = fx.Write(2, CallFlows.Compile(CallFlows.Leaf("v2"), parent));
        BumpProcessVersion(second, "leaf", 2);
        await fx.DeployAsync(second);
        Assert.Equal(1, (await fx.Store.LoadAsync(started.Id))!.DeploymentVersion);
        await fx.Engine.CompleteAsync(started.Id, "Before").WaitAsync(Timeout);
        Assert.Equal(1, (await fx.Store.LoadAsync(started.Id))!.DeploymentVersion);

        var leaf = await Only(fx, "leaf");
        Assert.Contains($"\"version\":\"{expected}\"", (await fx.Engine.GetAsync(leaf.Id))!.DataJson, StringComparison.Ordinal);
        Assert.Equal(expected == "v1" ? 1 : 2, leaf.DeploymentVersion);
    }

    [Fact]
    public async Task A_waiting_call_round_trips_through_json_and_survives_a_migration_of_the_caller()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, CallFlows.Compile(CallFlows.Leaf())));
        var parent = await fx.Engine.StartAsync("parent").WaitAsync(Timeout);
        var stored = (await fx.Store.LoadAsync(parent.Id))!;
        var calls = JsonNode.Parse(stored.StateJson)!["Calls"]!.AsArray();
        Assert.Equal("Call", Assert.Single(calls)!["NodeId"]!.GetValue<string>());
        Assert.Contains("\"Wait\":\"Call\"", stored.StateJson, StringComparison.Ordinal);

        // The state reads and writes back unchanged (the new waiting shape round-trips).
        var process = fx.Registry.ProcessFactory(fx.Registry.Versions.Single().ProcessType("parent")!);
        Assert.Equal(stored.StateJson, process.ResumeFromJson(stored.StateJson).ToJson());

        // Version 2 renames the call activity: the waiting call follows the mapping.
        var renamed = CallFlows.Parent().Replace("\"Call\"", "\"CallMiddle\"", StringComparison.Ordinal);
        await fx.DeployAsync(fx.Write(2, CallFlows.Compile(CallFlows.Leaf(), renamed)));
        var migrated = await fx.Engine.MigrateAsync(parent.Id, new Dictionary<string, string> { ["Call"] = "CallMiddle" }).WaitAsync(Timeout);
        Assert.Equal(new[] { "CallMiddle" }, migrated.WaitingAt);

        await fx.Engine.CompleteAsync((await Only(fx, "leaf")).Id, "Approve", """{"result": "ok"}""").WaitAsync(Timeout);
        var done = (await fx.Engine.GetAsync(parent.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(2, done.DeploymentVersion);
        Assert.Contains("\"outcome\":\"ok\"", done.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_migration_that_maps_a_waiting_call_to_another_kind_of_node_is_refused()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, CallFlows.Compile(CallFlows.Leaf())));
        var parent = await fx.Engine.StartAsync("parent").WaitAsync(Timeout);
        await fx.DeployAsync(fx.Write(2, CallFlows.Compile(CallFlows.Leaf(), CallFlows.Parent(waitFirst: true))));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => fx.Engine.MigrateAsync(parent.Id, new Dictionary<string, string> { ["Call"] = "Before" }));

        Assert.Contains("Call", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await fx.Store.LoadAsync(parent.Id))!.DeploymentVersion);
    }

    private static void BumpProcessVersion(string folder, string key, int version)
    {
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        var manifest = JsonSerializer.Deserialize<DeploymentManifest>(File.ReadAllText(path))!;
        manifest.Processes.Single(p => p.Key == key).Version = version;
        File.WriteAllText(path, JsonSerializer.Serialize(manifest));
    }
}
