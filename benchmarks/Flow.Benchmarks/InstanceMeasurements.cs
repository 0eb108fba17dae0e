using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Benchmarks;

/// <summary>
/// Memory of the in-memory instance store over many started-and-ended instances: with the
/// default retention (bounded by count) it stays flat; without a bound it grows per instance.
/// </summary>
internal static class InstanceMeasurements
{
    public static async Task InstanceMemoryAsync(TextWriter output, int instances = 1_000_000, int unboundedInstances = 100_000)
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-bench-instances-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var folder = DeploymentFolders.Write(root, 1);

        output.WriteLine($"default retention ({InstanceRetention.Default.MaxEnded:N0} ended instances kept)");
        output.WriteLine("instances  managed heap after full GC (MB)  working set (MB)  stored  elapsed (s)");
        var store = new InMemoryInstanceStore();
        await RunAsync(output, folder, store, () => store.Count, instances, instances / 10);

        output.WriteLine("no bound (what the store did before retention), for the growth per instance");
        var unbounded = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = int.MaxValue });
        await RunAsync(output, folder, unbounded, () => unbounded.Count, unboundedInstances, unboundedInstances / 2);
        Directory.Delete(root, recursive: true);
    }

    private static async Task RunAsync(TextWriter output, string folder, IInstanceStore store, Func<int> stored, int instances, int every)
    {
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { folder });
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= instances; i++)
        {
            var instance = await engine.StartAsync("Process_Order", """{"amount": 5000}""");
            if (instance.Status != InstanceStatus.Completed)
            {
                throw new InvalidOperationException($"Instance {instance.Id} is {instance.Status}, not completed.");
            }

            if (i == 1 || i % every == 0)
            {
                for (var c = 0; c < 3; c++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }

                output.WriteLine($"{i,9:N0}  {GC.GetTotalMemory(true) / 1048576.0,33:0.00}  {Environment.WorkingSet / 1048576.0,16:0.0}  {stored(),6:N0}  {watch.Elapsed.TotalSeconds,11:0.0}");
            }
        }
    }
}
