using Flow;
using Shop.App;
using Shop.Flows;

// Runs the order process from order.bpmn: a small order straight through, a large one that
// waits for a manual review (saved as JSON and resumed by a fresh process object, as another
// host would), and one that is out of stock.
var stock = new InMemoryStock(new Dictionary<string, int> { ["lamp"] = 5, ["desk"] = 1 });
var process = new OrderProcess(stock, Console.WriteLine);
Console.WriteLine($"Process '{OrderProcess.ProcessKey}' version {OrderProcess.SourceHash[..12]} from {OrderProcess.SourceFile}");

Console.WriteLine("\n1. a lamp for 250.00");
var small = await process.StartAsync(new OrderProcess.Data { customer = "Ann", sku = "lamp", amount = 250m });
Report(small);

Console.WriteLine("\n2. a desk for 5000.00 (needs a manual review)");
var large = await process.StartAsync(new OrderProcess.Data { customer = "Bob", sku = "desk", amount = 5000m });
Report(large);
var saved = large.ToJson();
Console.WriteLine($"  saved at the wait state: {saved.Length} bytes of JSON");

var resumed = new OrderProcess(stock, Console.WriteLine).ResumeFromJson(saved);
await resumed.CompleteManualReviewAsync(new OrderProcess.ManualReviewResult(approved: true, reviewer: "Carol"));
Console.WriteLine($"  resumed and approved by {resumed.Data.reviewer}");
Report(resumed);

Console.WriteLine("\n3. another desk (none left)");
Report(await process.StartAsync(new OrderProcess.Data { customer = "Dan", sku = "desk", amount = 4000m }));

return small.Status == InstanceStatus.Completed && resumed.Status == InstanceStatus.Completed ? 0 : 1;

static void Report(IFlowInstance instance)
{
    Console.WriteLine($"  status: {instance.Status}" + (instance.WaitingAt.Count > 0 ? $", waiting at {string.Join(", ", instance.WaitingAt)}" : ""));
    Console.WriteLine($"  trace:  {string.Join(" > ", instance.Trace)}");
}
