using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Benchmarks;

/// <summary>
/// Measurements BenchmarkDotNet is not made for: how long a deployment folder takes from
/// appearing to serving (through the file-system detector, and the deploy call alone), and
/// memory across 1,000 swaps.
/// </summary>
internal static class DeploymentMeasurements
{
    public static async Task TimeToServeAsync(TextWriter output, int samples = 20)
    {
        var root = NewRoot();
        var registry = new DeploymentRegistry();
        var engine = new FlowEngine(registry, new InMemoryInstanceStore());
        await engine.DeployAsync(new[] { DeploymentFolders.Write(Path.Combine(root, "direct"), 1) });

        // The deploy call alone: verify hashes, load into a new context, activate.
        var direct = new List<double>();
        for (var v = 2; v < 2 + samples; v++)
        {
            var folder = DeploymentFolders.Write(Path.Combine(root, "direct"), v);
            var watch = Stopwatch.StartNew();
            await engine.DeployAsync(new[] { folder });
            direct.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Through the hot deployer: from the manifest landing to the first start on the new version.
        var watched = Path.Combine(root, "watched");
        var detector = new FileSystemChangeDetector(watched);
        await using var deployer = new HotDeployer(engine, detector);
        await deployer.StartAsync();
        var endToEnd = new List<double>();
        for (var v = 100; v < 100 + samples; v++)
        {
            var watch = Stopwatch.StartNew();
            DeploymentFolders.Write(watched, v);
            while (!(registry.Latest.TryGetValue("Process_Order", out var live) && live.Version == v))
            {
                await Task.Delay(1);
            }

            var started = await engine.StartAsync("Process_Order", """{"amount": 5000}""");
            endToEnd.Add(watch.Elapsed.TotalMilliseconds);
            if (started.DeploymentVersion != v)
            {
                throw new InvalidOperationException("The new version did not serve.");
            }
        }

        await deployer.StopAsync();
        output.WriteLine($"deploy call (verify + load + activate), {samples} samples: median {Median(direct):0.00} ms, max {direct.Max():0.00} ms");
        output.WriteLine($"folder appears -> serving (file-system detector, quiet period {detector.Quiet.TotalMilliseconds} ms), {samples} samples: median {Median(endToEnd):0} ms, max {endToEnd.Max():0} ms");
        Directory.Delete(root, recursive: true);
    }

    public static async Task SwapMemoryAsync(TextWriter output, int swaps = 1000)
    {
        var root = NewRoot();
        var registry = new DeploymentRegistry();
        var store = new InMemoryInstanceStore();
        var engine = new FlowEngine(registry, store);
        output.WriteLine("swaps  managed heap after full GC (MB)  working set (MB)  loaded contexts  registered versions");
        for (var v = 1; v <= swaps; v++)
        {
            var folder = DeploymentFolders.Write(root, v);
            await engine.DeployAsync(new[] { folder });
            var instance = await engine.StartAsync("Process_Order", """{"amount": 500}""");
            await store.DeleteAsync(instance.Id);   // the store's growth is not the runtime's
            Directory.Delete(folder, recursive: true);
            if (v == 1 || v % 100 == 0)
            {
                for (var i = 0; i < 3; i++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }

                var contexts = System.Runtime.Loader.AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("flow:", StringComparison.Ordinal) == true);
                output.WriteLine($"{v,5}  {GC.GetTotalMemory(true) / 1048576.0,33:0.00}  {Environment.WorkingSet / 1048576.0,16:0.0}  {contexts,15}  {registry.Versions.Count,19}");
            }
        }

        Directory.Delete(root, recursive: true);
    }

    private static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-bench-deploy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
