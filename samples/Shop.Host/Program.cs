using System.Text.Json;
using Flow.Deployment;
using Flow.Engine;
using Flow.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Contracts;
using Shop.Host;

// A host that knows only Flow.Runtime and Shop.Contracts. It watches a folder, builds the
// Shop.Flows library into it, keeps starting orders, rebuilds the library with a changed
// diagram (variants/order-v2.bpmn: reviews start above 2000 instead of 1000), and shows the
// new version going live while orders that waited on the old one finish there; then the old
// version unloads.
var root = Path.Combine(Path.GetTempPath(), "shop-flows-" + Environment.ProcessId);
var deployment = Path.Combine(root, "Shop.Flows");
var services = new ServiceCollection()
    .AddSingleton<IStock, Stock>()
    .AddSingleton<Action<string>>(_ => _ => { })
    .AddFlowRuntime(options =>
    {
        options.DeploymentRoot = root;
        options.SharedAssemblies.Add("Shop.Contracts");
    })
    .BuildServiceProvider();
var engine = services.GetRequiredService<FlowEngine>();
engine.Registry.Changed += e => Console.WriteLine($"  [runtime] {e.Kind} {e.Name} v{e.Version}" + (e.Error is null ? "" : $": {e.Error.Message}"));
var hosted = services.GetServices<IHostedService>().Single();
await hosted.StartAsync(CancellationToken.None);
Console.WriteLine($"Watching {root}");

Console.WriteLine("\nBuilding Shop.Flows (order.bpmn) into the watched folder...");
await FlowLibraryBuild.RunAsync("v1", deployment);
await WaitForVersionAsync(engine, 1);

var waiting = new List<InstanceSnapshot>();
await RunOrdersAsync(engine, new[] { 500m, 1500m, 5000m }, waiting);

Console.WriteLine("\nRebuilding Shop.Flows with variants/order-v2.bpmn while orders keep coming...");
var rebuild = FlowLibraryBuild.RunAsync("v2", deployment);
while (!rebuild.IsCompleted)
{
    await RunOrdersAsync(engine, new[] { 1500m }, waiting);
    await Task.Delay(500);
}

await rebuild;
await WaitForVersionAsync(engine, 2);
await RunOrdersAsync(engine, new[] { 500m, 1500m, 5000m }, waiting);

Console.WriteLine("\nApproving the orders that wait for a review, each on the version it started on:");
foreach (var order in waiting)
{
    var done = await engine.CompleteAsync(order.Id, "Task_ManualReview", """{"approved": true, "reviewer": "Carol"}""");
    Console.WriteLine($"  order {Short(done.Id)} on v{done.DeploymentVersion}: {done.Status}");
}

await Task.Delay(200);
var versions = engine.Registry.Versions.Select(v => $"v{v.Version} {(v.IsUnloaded ? "unloaded" : "loaded")}");
Console.WriteLine($"\nVersions: {string.Join(", ", versions)}");
await hosted.StopAsync(CancellationToken.None);
Directory.Delete(root, recursive: true);
return engine.Registry.Versions.Count(v => !v.IsUnloaded) == 1 ? 0 : 1;

static async Task RunOrdersAsync(FlowEngine engine, decimal[] amounts, List<InstanceSnapshot> waiting)
{
    foreach (var amount in amounts)
    {
        var data = JsonSerializer.Serialize(new { customer = "Ann", sku = "lamp", amount });
        var order = await engine.StartAsync("order", data);
        var reviewer = JsonDocument.Parse(order.DataJson).RootElement.GetProperty("reviewer");
        Console.WriteLine($"  order {Short(order.Id)} for {amount,7:0.00} on v{order.DeploymentVersion}: {order.Status}"
            + (order.WaitingAt.Count > 0 ? $" at {string.Join(", ", order.WaitingAt)}" : $", approved by {reviewer}"));
        if (order.Status == Flow.InstanceStatus.Waiting)
        {
            waiting.Add(order);
        }
    }
}

static async Task WaitForVersionAsync(FlowEngine engine, int version)
{
    for (var i = 0; i < 600 && !(engine.Registry.Latest.TryGetValue("order", out var live) && live.Version == version); i++)
    {
        await Task.Delay(50);
    }
}

static string Short(string id) => id[..6];
