using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Execution.Tests;

/// <summary>A data contract the host shares with a flow (flow:dataType), for typed handlers bound by name.</summary>
public sealed class StockData
{
    public string? sku { get; set; }

    public bool inStock { get; set; }

    public int checks { get; set; }
}

/// <summary>
/// Tasks bound by name (camunda:delegateExpression, camunda:class, camunda:expression) run the
/// handler the host registers as a keyed service; a deployment whose binding is missing is refused
/// before it goes live (FLOW6240).
/// </summary>
public class HandlerBindingTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    /// <summary>start → bound task → [user task] → end, over its own variables or a shared data type.</summary>
    private static string Diagram(string binding, bool wait = false, string? dataType = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" {Camunda} id="D">
          <bpmn:process id="stock" name="Stock" isExecutable="true"{(dataType is null ? "" : $" flow:dataType=\"{dataType}\"")}>
            <bpmn:extensionElements>
              <flow:variable name="sku" type="string" />
              <flow:variable name="inStock" type="bool" />
              <flow:variable name="checks" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Task_Check" name="Check stock" {binding} />
            {(wait ? "<bpmn:userTask id=\"Review\" />" : "")}
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Check" />
            {(wait ? "<bpmn:sequenceFlow id=\"F2\" sourceRef=\"Task_Check\" targetRef=\"Review\" /><bpmn:sequenceFlow id=\"F3\" sourceRef=\"Review\" targetRef=\"End\" />" : "<bpmn:sequenceFlow id=\"F2\" sourceRef=\"Task_Check\" targetRef=\"End\" />")}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static byte[] Compile(string bpmn) =>
        FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/stock.bpmn", bpmn) }, new[] { "FLOW3006" }, references: new[] { typeof(StockData).Assembly.Location });

    private static IFlowProcess Load(byte[] assembly)
    {
        var context = new AssemblyLoadContext("binding-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        var type = context.LoadFromStream(new MemoryStream(assembly)).GetTypes().Single(t => typeof(IFlowProcess).IsAssignableFrom(t));
        return (IFlowProcess)Activator.CreateInstance(type)!;
    }

    private static IServiceProvider JsonCheck() =>
        new ServiceCollection().AddFlowHandler("checkStock", (context, _) =>
        {
            context.Data["inStock"] = context.Data["sku"]?.GetValue<string>() != "desk";
            context.Data["checks"] = context.Data["checks"]!.GetValue<int>() + 1;
            return default;
        }).BuildServiceProvider();

    [Theory]
    [InlineData("camunda:delegateExpression=\"${checkStock}\"", false)]
    [InlineData("camunda:class=\"com.shop.CheckStock\"", false)]
    [InlineData("camunda:expression=\"${checkStock.run(execution)}\"", true)]
    public async Task A_json_handler_registered_by_name_runs_the_task(string binding, bool wait)
    {
        // The straight-line method (no wait state) and the token engine (a user task) both call it.
        var process = Load(Compile(Diagram(binding, wait)));
        ((dynamic)process).HandlerServices = JsonCheck();
        var instance = await process.StartAsync(process.DataFromJson("""{"sku":"lamp","inStock":false,"checks":0}"""));
        var data = JsonNode.Parse(instance.ToJson())!["Data"]!;
        Assert.True(data["inStock"]!.GetValue<bool>());
        Assert.Equal(1, data["checks"]!.GetValue<int>());
        Assert.Equal(wait ? InstanceStatus.Waiting : InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task A_typed_handler_over_a_shared_data_type_is_preferred()
    {
        var process = Load(Compile(Diagram("camunda:delegateExpression=\"${checkStock}\"", dataType: typeof(StockData).FullName)));
        var services = new ServiceCollection()
            .AddFlowHandler<StockData>("checkStock", (context, _) => { context.Data.inStock = true; context.Data.checks = 42; return default; })
            .AddFlowHandler("checkStock", (_, _) => throw new InvalidOperationException("the JSON handler must not run"))
            .BuildServiceProvider();
        ((dynamic)process).HandlerServices = services;
        var data = new StockData { sku = "lamp" };
        var instance = await process.StartAsync(data);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Same(data, instance.Data);
        Assert.Equal(42, data.checks);
    }

    [Fact]
    public async Task A_json_change_that_does_not_fit_the_data_fails_the_task_and_changes_nothing()
    {
        var process = Load(Compile(Diagram("camunda:delegateExpression=\"${checkStock}\"", wait: true)));
        ((dynamic)process).HandlerServices = new ServiceCollection().AddFlowHandler("checkStock", (context, _) =>
        {
            context.Data["inStock"] = true;
            context.Data["checks"] = "many";   // not an int
            return default;
        }).BuildServiceProvider();
        var instance = await process.StartAsync(process.DataFromJson("""{"sku":"lamp","inStock":false,"checks":0}"""));
        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Task_Check", instance.Failure!.NodeId);
        Assert.StartsWith("FLOW6242", instance.Failure.Message, StringComparison.Ordinal);
        Assert.False(JsonNode.Parse(instance.ToJson())!["Data"]!["inStock"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_process_made_by_hand_without_the_handler_fails_at_the_task_with_FLOW6241()
    {
        var process = Load(Compile(Diagram("camunda:delegateExpression=\"${checkStock}\"", wait: true)));
        var instance = await process.StartAsync(process.DataFromJson("{}"));
        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Contains("FLOW6241", instance.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("'checkStock'", instance.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_whose_binding_the_host_lacks_is_refused_before_it_goes_live()
    {
        using var fixture = new BindingFixture(new ServiceCollection().AddFlowHandler("otherHandler", (_, _) => default).BuildServiceProvider());
        var folder = TestDeployment.Write(fixture.Root, 1, Compile(Diagram("camunda:delegateExpression=\"${checkStock}\"", wait: true)));
        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fixture.Engine.DeployAsync(new[] { folder }));
        Assert.Equal("FLOW6240", error.Id);
        Assert.Contains("task 'Task_Check'", error.Message, StringComparison.Ordinal);
        Assert.Contains("handler 'checkStock'", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Registry.Latest);
        Assert.Contains(fixture.Events, e => e.Kind == DeploymentEventKind.Failed && e.Error is FlowDeploymentException { Id: "FLOW6240" });
        Assert.DoesNotContain(fixture.Events, e => e.Kind == DeploymentEventKind.Activated);
    }

    [Fact]
    public async Task Through_the_engine_the_registry_gives_every_process_the_host_services()
    {
        using var fixture = new BindingFixture(JsonCheck());
        var folder = TestDeployment.Write(fixture.Root, 1, Compile(Diagram("camunda:delegateExpression=\"${checkStock}\"", wait: true)));
        await fixture.Engine.DeployAsync(new[] { folder });
        var started = await fixture.Engine.StartAsync("stock", """{"sku":"desk","inStock":true,"checks":5}""");
        Assert.Equal(InstanceStatus.Waiting, started.Status);
        var data = JsonNode.Parse(started.DataJson)!;
        Assert.False(data["inStock"]!.GetValue<bool>());
        Assert.Equal(6, data["checks"]!.GetValue<int>());
    }

    private sealed class BindingFixture : IDisposable
    {
        public BindingFixture(IServiceProvider services)
        {
            Root = Path.Combine(Path.GetTempPath(), "flow-binding-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
            Registry = new DeploymentRegistry() { HandlerServices = services };
            Registry.Changed += e => { lock (Events) { Events.Add(e); } };
            Engine = new FlowEngine(Registry, new InMemoryInstanceStore());
        }

        public string Root { get; }

        public DeploymentRegistry Registry { get; }

        public FlowEngine Engine { get; }

        public List<DeploymentEvent> Events { get; } = new();

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
