using System.Net;
using System.Text.Json;
using Flow.Cockpit.Tests.Infrastructure;
using Flow.Deployment;
using Shop.Web;

namespace Flow.Cockpit.Tests.Api;

/// <summary>Deployments through the API: versions, timeline, rollback, undeploy, failures with FLOW ids, migration.</summary>
public sealed class DeploymentApiTests : IAsyncLifetime
{
    private readonly CockpitFactory _factory = new();

    private HttpClient Operator => _factory.As("operator");

    public Task InitializeAsync()
    {
        _ = _factory.Server;   // starts the host (deploys v1)
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Versions_timeline_rollback_and_undeploy()
    {
        var v2 = await _factory.DeployEditedAsync(text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal));
        Assert.Equal(2, v2);

        var deployment = await Operator.JsonAsync("/flows/api/deployments/order-review");
        Assert.Equal(2, deployment.GetProperty("liveVersion").GetInt32());
        Assert.Equal([2, 1], deployment.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var process = await Operator.JsonAsync("/flows/api/processes/order-review");
        Assert.Equal(2, process.GetProperty("deploymentVersion").GetInt32());
        Assert.Contains("Ship the order", process.GetProperty("bpmnXml").GetString(), StringComparison.Ordinal);
        Assert.Contains("Ship order\"", (await Operator.GetStringAsync("/flows/api/processes/order-review/diagram?version=1")), StringComparison.Ordinal);

        var rolledBack = await Operator.PostAsync("/flows/api/deployments/order-review/rollback", """{"version":1}""");
        Assert.Equal(1, rolledBack.GetProperty("liveVersion").GetInt32());
        Assert.Equal(1, _factory.Engine.Registry.Latest[OrderReview.Key].Version);
        var history = await Operator.JsonAsync("/flows/api/deployments/order-review/history");
        Assert.Equal(["activated:1", "activated:2", "rollback:1"],
            history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() is "activated" or "rollback")
                .Select(e => $"{e.GetProperty("kind").GetString()}:{e.GetProperty("version").GetInt32()}"));

        var undeployed = await Operator.PostAsync("/flows/api/deployments/order-review/undeploy", "");
        Assert.Equal(JsonValueKind.Null, undeployed.GetProperty("liveVersion").ValueKind);
        Assert.False(_factory.Engine.Registry.Latest.ContainsKey(OrderReview.Key));
        var events = await Operator.JsonAsync("/flows/api/events");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("kind").GetString() == "undeployed" && e.GetProperty("name").GetString() == "order-review");
    }

    [Fact]
    public async Task Unknown_deployment_or_version_is_FLOW6403_and_changes_nothing()
    {
        var latest = _factory.Engine.Registry.Latest[OrderReview.Key];
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/deployments/nope", HttpStatusCode.NotFound), "FLOW6403", 404);
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/deployments/nope/history", HttpStatusCode.NotFound), "FLOW6403", 404);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/deployments/nope/rollback", """{"version":1}""", HttpStatusCode.NotFound), "FLOW6403", 404);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/deployments/nope/undeploy", "", HttpStatusCode.NotFound), "FLOW6403", 404);
        var detail = Http.AssertProblem(await Operator.PostAsync("/flows/api/deployments/order-review/rollback", """{"version":7}""", HttpStatusCode.NotFound), "FLOW6403", 404);
        Assert.Contains("no version 7", detail, StringComparison.Ordinal);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/deployments/order-review/rollback", """{"version":"one"}""", HttpStatusCode.BadRequest), "FLOW6404", 400);
        Assert.Same(latest, _factory.Engine.Registry.Latest[OrderReview.Key]);
    }

    [Fact]
    public async Task A_refused_deployment_is_a_failed_event_with_its_FLOW_id()
    {
        var empty = Directory.CreateTempSubdirectory("cockpit-empty-");
        try
        {
            await Assert.ThrowsAsync<FlowDeploymentException>(() => _factory.Engine.DeployAsync([empty.FullName]));
        }
        finally
        {
            empty.Delete(recursive: true);
        }

        var failed = (await Operator.JsonAsync("/flows/api/events")).EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "failed");
        Assert.Equal("FLOW6001", failed.GetProperty("flowId").GetString());
        Assert.Equal(1, (await Operator.JsonAsync("/flows/api/health")).GetProperty("failedDeployments").GetInt32());
    }

    [Fact]
    public async Task Migrate_moves_an_instance_to_the_latest_version_or_refuses_with_FLOW6409()
    {
        var id = (await _factory.StartOrdersAsync(1))[0];
        await _factory.DeployEditedAsync(text => text.Replace("Approve order", "Approve the order", StringComparison.Ordinal));

        var migrated = await Operator.PostAsync($"/flows/api/instances/{id}/migrate", "{}");
        Assert.Equal(2, migrated.GetProperty("deploymentVersion").GetInt32());
        Assert.Equal(["Task_Approve"], migrated.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));

        var other = (await _factory.StartOrdersAsync(1))[0];
        var before = await _factory.Engine.GetAsync(other);
        var problem = await Operator.PostAsync($"/flows/api/instances/{other}/migrate", """{"mapping":{"Task_Approve":"End_Shipped"}}""", HttpStatusCode.Conflict);
        Http.AssertProblem(problem, "FLOW6409", 409);
        Assert.Equivalent(before, await _factory.Engine.GetAsync(other));
        Http.AssertProblem(await Operator.PostAsync($"/flows/api/instances/{other}/migrate", """{"mapping":{"Task_Approve":1}}""", HttpStatusCode.BadRequest), "FLOW6404", 400);
    }

    [Fact]
    public async Task Failed_instances_are_counted_at_the_node_where_they_failed()
    {
        const string risky = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs_Risky">
              <bpmn:process id="risky" isExecutable="true">
                <bpmn:extensionElements><flow:variable name="amount" type="decimal" /></bpmn:extensionElements>
                <bpmn:startEvent id="Start" />
                <bpmn:scriptTask id="Task_Check" scriptFormat="csharp">
                  <bpmn:script>if (amount > 1000) throw new System.InvalidOperationException("too much");</bpmn:script>
                </bpmn:scriptTask>
                <bpmn:userTask id="Task_Review" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Check" />
                <bpmn:sequenceFlow id="F2" sourceRef="Task_Check" targetRef="Task_Review" />
                <bpmn:sequenceFlow id="F3" sourceRef="Task_Review" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await new Flow.Compilation.ContentDeployer(_factory.Engine.Registry, new Flow.Compilation.ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) })
            .DeployAsync("risky", risky);
        await _factory.Engine.StartAsync("risky", """{"amount":5000}""");
        await _factory.Engine.StartAsync("risky", """{"amount":5000}""");
        await _factory.Engine.StartAsync("risky", """{"amount":10}""");

        var nodes = (await Operator.JsonAsync("/flows/api/processes/risky/tokens")).GetProperty("nodes").EnumerateArray()
            .ToDictionary(n => n.GetProperty("nodeId").GetString()!, n => (n.GetProperty("waiting").GetInt32(), n.GetProperty("failed").GetInt32()));

        Assert.Equal((0, 2), nodes["Task_Check"]);
        Assert.Equal((1, 0), nodes["Task_Review"]);
        var failed = await Operator.JsonAsync("/flows/api/instances?key=risky&status=Failed");
        Assert.Equal(2, failed.GetProperty("total").GetInt32());
        Assert.All(failed.GetProperty("items").EnumerateArray(), i => Assert.Equal("Task_Check", i.GetProperty("failedAt").GetString()));
    }

    [Fact]
    public async Task A_version_without_its_diagram_is_FLOW6406_and_still_counts()
    {
        // Like a built folder: the assembly only. Compiled through a scratch registry with a store, then stripped of its .bpmn.
        var store = new Flow.Deployment.Storage.InMemoryDeploymentStore();
        var scratch = new DeploymentRegistry { DeploymentStore = store };
        var compiled = await new Flow.Compilation.ContentDeployer(scratch, new Flow.Compilation.ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) })
            .DeployAsync(OrderReview.Key, OrderReview.Text());
        var stored = (await store.LoadAsync(compiled.Name, compiled.Version))!;
        var manifest = JsonSerializer.Deserialize<DeploymentManifest>(stored.ManifestJson)!;
        manifest.Name = "order-built";
        manifest.Version = 5;
        manifest.Files.RemoveAll(f => f.Path.EndsWith(".bpmn", StringComparison.Ordinal));
        manifest.Processes.ForEach(p => p.Version = 5);
        var files = stored.Files.Where(f => !f.Key.EndsWith(".bpmn", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
        await _factory.Engine.Registry.DeployAsync(new Flow.Deployment.Storage.StoredDeployment("order-built", 5, JsonSerializer.Serialize(manifest), files));

        var detail = Http.AssertProblem(await Operator.JsonAsync("/flows/api/processes/order-review/diagram?version=5", HttpStatusCode.NotFound), "FLOW6406", 404);
        Assert.Contains("order-built v5", detail, StringComparison.Ordinal);
        var definition = await Operator.JsonAsync("/flows/api/processes/order-review");
        Assert.Equal("order-built", definition.GetProperty("deploymentName").GetString());
        Assert.Equal(JsonValueKind.Null, definition.GetProperty("bpmnXml").ValueKind);
        Assert.False(definition.GetProperty("versions")[0].GetProperty("hasDiagram").GetBoolean());
        var started = await Operator.PostAsync("/flows/api/processes/order-review/instances", "{}", HttpStatusCode.Created);
        Assert.Equal(5, started.GetProperty("deploymentVersion").GetInt32());
        var counts = await Operator.JsonAsync("/flows/api/processes/order-review/tokens?version=5");
        Assert.Equal(1, counts.GetProperty("nodes").EnumerateArray().Single().GetProperty("waiting").GetInt32());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_endpoint()
    {
        var document = await Operator.JsonAsync("/flows/openapi/flow-cockpit.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/flows/api/deployments", "/flows/api/deployments/{name}", "/flows/api/deployments/{name}/history",
            "/flows/api/deployments/{name}/rollback", "/flows/api/deployments/{name}/undeploy", "/flows/api/events",
            "/flows/api/processes", "/flows/api/processes/{key}", "/flows/api/processes/{key}/diagram", "/flows/api/processes/{key}/tokens",
            "/flows/api/processes/{key}/instances", "/flows/api/instances", "/flows/api/instances/{id}",
            "/flows/api/instances/{id}/complete/{nodeId}", "/flows/api/instances/{id}/abort", "/flows/api/instances/{id}/migrate",
            "/flows/api/live", "/flows/api/me", "/flows/api/health",
            "/flows/api/deployments/folder", "/flows/api/messages", "/flows/api/processes/{key}/diff", "/flows/api/tenants",
        ];
        Assert.Equal(expected.Order(), paths.Order());
        Assert.True(document.GetProperty("paths").GetProperty("/flows/api/instances/{id}/complete/{nodeId}").GetProperty("post").TryGetProperty("requestBody", out _));
    }
}
