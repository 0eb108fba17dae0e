using System.Text.Json;
using Flow;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Contracts;
using Shop.Host;

// A host that knows only Flow.Runtime (with its SQLite store) and Shop.Contracts. It watches a
// folder, builds the Shop.Flows library into it, keeps starting orders in a SQLite file,
// restarts while orders wait, rebuilds the library with a changed diagram
// (variants/order-v2.bpmn: reviews start above 2000 instead of 1000), and shows the new version
// going live while orders that waited on the old one finish there; then the old version unloads.
var root = Path.Combine(Path.GetTempPath(), "shop-flows-" + Environment.ProcessId);
var deployment = Path.Combine(root, "Shop.Flows");
var database = Path.Combine(root, "shop.db");
Directory.CreateDirectory(root);
var story = new Story();
var (services, engine, hosted) = await StartHostAsync();
story.Line($"Watching {root}; orders are kept in {Path.GetFileName(database)} (SQLite)");

story.Line("\n1. Building Shop.Flows (order.bpmn: reviews above 1000.00) into the watched folder.");
story.Line("   The first build also compiles the generator and the runtime: a minute or more.");
await FlowLibraryBuild.RunAsync("v1", deployment, text => story.Line("  " + text));
await WaitForVersionAsync(engine, 1);
story.Events();

story.Line("\n2. Orders on v1:");
var waiting = new List<InstanceSnapshot>();
foreach (var amount in new[] { 500m, 1500m, 5000m })
{
    story.Line(Describe(await StartOrderAsync(engine, amount, waiting)));
}

story.Line("\n3. Stopping the host while these orders wait, and starting it again on the same file:");
await StopHostAsync();
(services, engine, hosted) = await StartHostAsync();
await WaitForVersionAsync(engine, 1);
var kept = await engine.QueryAsync(new InstanceQuery(Status: InstanceStatus.Waiting));
story.Line($"  after the restart {kept.Count} orders wait in {Path.GetFileName(database)}: {string.Join(", ", kept.Select(o => Short(o.Id)))} (they complete in step 6)");
story.Events();

story.Line("\n4. Rebuilding Shop.Flows with variants/order-v2.bpmn (reviews above 2000.00); an order for 1500.00 arrives every second:");
var duringRebuild = new List<InstanceSnapshot>();
var rebuild = FlowLibraryBuild.RunAsync("v2", deployment, text => story.Line("  " + text));
while (!rebuild.IsCompleted)
{
    var order = await StartOrderAsync(engine, 1500m, waiting);
    if (order.DeploymentVersion == 1)
    {
        duringRebuild.Add(order);
    }
    else
    {
        // v2 went live before the build process ended: the orders so far, then the activation, then this one.
        ReportRebuildOrders();
        story.Line(Describe(order));
    }

    await Task.WhenAny(rebuild, Task.Delay(1000));
}

await rebuild;
ReportRebuildOrders();
await WaitForVersionAsync(engine, 2);
story.Events();

story.Line("\n5. Orders on v2 (1500.00 no longer needs a review):");
foreach (var amount in new[] { 500m, 1500m, 5000m })
{
    story.Line(Describe(await StartOrderAsync(engine, amount, waiting)));
}

story.Line("\n6. Approving the orders that wait for a review, each on the version it started on:");
foreach (var group in waiting.GroupBy(o => o.DeploymentVersion).OrderBy(g => g.Key))
{
    var done = new List<InstanceSnapshot>();
    foreach (var order in group)
    {
        done.Add(await engine.CompleteAsync(order.Id, "Task_ManualReview", """{"approved": true, "reviewer": "Carol"}"""));
    }

    // The orders' line first, then what finishing them caused (v1 unloads when its last order ends).
    story.Line(done.Count <= 3
        ? string.Join("\n", done.Select(o => $"  order {Short(o.Id)} on v{o.DeploymentVersion}: {o.Status}, approved by Carol"))
        : $"  {Summary(done)}, approved by Carol");
}

var acrossRestart = new List<string>();
foreach (var order in kept)
{
    acrossRestart.Add($"{Short(order.Id)} {(await engine.GetAsync(order.Id))?.Status}");
}

story.Line($"  the orders that waited across the restart: {string.Join(", ", acrossRestart)}");
await Task.Delay(200);
story.Events();
var versions = engine.Registry.Versions.Select(v => $"v{v.Version} {(v.IsUnloaded ? "unloaded" : "loaded")}");
story.Line($"\nVersions: {string.Join(", ", versions)}");
var exitCode = engine.Registry.Versions.Count(v => !v.IsUnloaded) == 1 ? 0 : 1;
await StopHostAsync();
Directory.Delete(root, recursive: true);
return exitCode;

// Stops watching and closes the SQLite file (its store writes what is queued first).
async Task StopHostAsync()
{
    foreach (var service in hosted.Reverse())
    {
        await service.StopAsync(CancellationToken.None);
    }

    ((IDisposable)services.GetRequiredService<IInstanceStore>()).Dispose();
}

// The host's services: the runtime watching the deployment folder, instances in the SQLite file.
async Task<(ServiceProvider Services, FlowEngine Engine, IReadOnlyList<IHostedService> Hosted)> StartHostAsync()
{
    var provider = new ServiceCollection()
        .AddSingleton<IStock, Stock>()
        .AddSingleton<Action<string>>(_ => _ => { })
        .AddFlowRuntime(options =>
        {
            options.DeploymentRoot = root;
            options.SharedAssemblies.Add("Shop.Contracts");
            options.UseSqlite(database);
        })
        .BuildServiceProvider();
    var flowEngine = provider.GetRequiredService<FlowEngine>();
    flowEngine.Registry.Changed += story.Observe;
    // In registration order: the deployment log follower (deployments kept in the file), then the
    // folder watcher and the job runner.
    var hosted = provider.GetServices<IHostedService>().ToList();
    foreach (var service in hosted)
    {
        await service.StartAsync(CancellationToken.None);
    }

    return (provider, flowEngine, hosted);
}

void ReportRebuildOrders()
{
    if (duringRebuild.Count > 0)
    {
        story.Line($"  while the build ran: {Summary(duringRebuild)}");
        duringRebuild.Clear();
    }
}

static async Task<InstanceSnapshot> StartOrderAsync(FlowEngine engine, decimal amount, List<InstanceSnapshot> waiting)
{
    var data = JsonSerializer.Serialize(new { customer = "Ann", sku = "lamp", amount });
    var order = await engine.StartAsync("order", data);
    if (order.Status == InstanceStatus.Waiting)
    {
        waiting.Add(order);
    }

    return order;
}

static string Describe(InstanceSnapshot order)
{
    var data = JsonDocument.Parse(order.DataJson).RootElement;
    return $"  order {Short(order.Id)} for {data.GetProperty("amount").GetDecimal(),7:0.00} on v{order.DeploymentVersion}: {order.Status}"
        + (order.WaitingAt.Count > 0 ? $" at {string.Join(", ", order.WaitingAt)}" : $", approved by {data.GetProperty("reviewer")}");
}

// "12 orders on v1: all Waiting at Task_ManualReview" and the like.
static string Summary(List<InstanceSnapshot> orders) =>
    $"{orders.Count} orders on " + string.Join(" and ", orders.Select(o => "v" + o.DeploymentVersion).Distinct())
    + ": " + string.Join(", ", orders.GroupBy(o => o.Status + (o.WaitingAt.Count > 0 ? " at " + string.Join(", ", o.WaitingAt) : ""))
        .Select(g => (g.Count() == orders.Count ? "all " : g.Count() + " ") + g.Key));

static async Task WaitForVersionAsync(FlowEngine engine, int version)
{
    for (var i = 0; i < 600 && !(engine.Registry.Latest.TryGetValue("order", out var live) && live.Version == version); i++)
    {
        await Task.Delay(50);
    }
}

static string Short(string id) => id[..6];
