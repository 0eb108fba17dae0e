using Flow;
using Shop.App;
using Shop.Flows;

// Runs the order process from order.bpmn: a small order straight through, a large one that
// waits for a manual review, and one that is out of stock. The app keeps its orders in a SQLite
// file (Flow.Runtime.Sqlite) and "restarts" while the large order waits: it closes the file,
// opens it again, and a fresh process object resumes the order from there.
var stock = new InMemoryStock(new Dictionary<string, int> { ["lamp"] = 5, ["desk"] = 1 }); // an outside system: it does not restart
var process = new OrderProcess(stock, Console.WriteLine);
Console.WriteLine($"Process '{OrderProcess.ProcessKey}' version {OrderProcess.SourceHash[..12]} from {OrderProcess.SourceFile}");
var file = Path.Combine(Path.GetTempPath(), $"shop-app-{Environment.ProcessId}.db");
DeleteFile(file);

string largeId;
var completed = 0;
using (var orders = new OrderFile(file, process.Definition))
{
    Console.WriteLine($"Orders are kept in {orders.Path}");

    Console.WriteLine("\n1. a lamp for 250.00");
    var small = await process.StartAsync(new OrderProcess.Data { customer = "Ann", sku = "lamp", amount = 250m });
    Report(small);
    await orders.SaveAsync(small, loadedRevision: 0);
    completed += small.Status == InstanceStatus.Completed ? 1 : 0;

    Console.WriteLine("\n2. a desk for 5000.00 (needs a manual review)");
    var large = await process.StartAsync(new OrderProcess.Data { customer = "Bob", sku = "desk", amount = 5000m });
    Report(large);
    await orders.SaveAsync(large, loadedRevision: 0);
    largeId = large.Id;
    Console.WriteLine("  saved at the wait state; the app stops (the file is closed)");
}

Console.WriteLine("\n   ... the app starts again on the same file");
using (var orders = new OrderFile(file, process.Definition))
{
    var waiting = (await orders.WaitingAsync()).Single(o => o.Id == largeId);
    Console.WriteLine($"  found order {waiting.Id} waiting ({waiting.StateJson.Length} bytes of state, revision {waiting.Revision})");
    var resumed = new OrderProcess(stock, Console.WriteLine).ResumeFromJson(waiting.StateJson);
    await resumed.CompleteManualReviewAsync(new OrderProcess.ManualReviewResult(approved: true, reviewer: "Carol"));
    await orders.SaveAsync(resumed, waiting.Revision);
    Console.WriteLine($"  resumed and approved by {resumed.Data.reviewer}");
    Report(resumed);
    completed += resumed.Status == InstanceStatus.Completed ? 1 : 0;

    Console.WriteLine("\n3. another desk (none left)");
    var none = await process.StartAsync(new OrderProcess.Data { customer = "Dan", sku = "desk", amount = 4000m });
    Report(none);
    await orders.SaveAsync(none, loadedRevision: 0);
    Console.WriteLine($"\nOrders still waiting in the file: {(await orders.WaitingAsync()).Count}");
}

DeleteFile(file);
return completed == 2 ? 0 : 1;

static void Report(IFlowInstance instance)
{
    Console.WriteLine($"  status: {instance.Status}" + (instance.WaitingAt.Count > 0 ? $", waiting at {string.Join(", ", instance.WaitingAt)}" : ""));
    Console.WriteLine($"  trace:  {string.Join(" > ", instance.Trace)}");
}

// The database and its WAL files; a sample's temp file should not outlive the run.
static void DeleteFile(string path)
{
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(path + suffix);
    }
}
