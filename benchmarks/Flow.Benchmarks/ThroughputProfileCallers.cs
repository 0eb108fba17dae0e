using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Benchmarks.Flows;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--profile-engine --callers</c>: N callers on N dedicated threads, each doing tight start +
/// complete pairs on its own instances through one <see cref="FlowEngine"/> with an
/// <see cref="InMemoryInstanceStore"/>, for N = 1, 2, 4 and <see cref="Environment.ProcessorCount"/>.
/// Threads rather than tasks, so the figure is the engine's and the store's scaling, not the
/// thread pool's (the engine's in-memory commands complete synchronously). Reports total pairs/s,
/// the process's CPU per pair and the bytes allocated per pair (all threads).
/// </summary>
internal static class ThroughputProfileCallers
{
    public static async Task RunAsync(TextWriter output, int pairsPerRound = 400_000)
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-profile-callers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var engine = new FlowEngine(new DeploymentRegistry(), new InMemoryInstanceStore());
            await engine.DeployAsync(new[] { DeploymentFolders.Write(root, 1, typeof(ApprovalProcess)) });
            Run(engine, 1, pairsPerRound / 4);   // warm-up (JIT tiering)
            foreach (var callers in new[] { 1, 2, 4, Environment.ProcessorCount }.Distinct())
            {
                for (var round = 0; round < 2; round++)
                {
                    var gcBefore = GC.CollectionCount(0);
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var elapsed = Run(engine, callers, pairsPerRound);
                    output.WriteLine(
                        $"in-memory, {callers,2} callers: {pairsPerRound / elapsed.TotalSeconds,10:N0} pairs/s  " +
                        $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / pairsPerRound,6:N2} us/pair  " +
                        $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)pairsPerRound,8:N0} B/pair  gen0 {GC.CollectionCount(0) - gcBefore}");
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="pairs"/> pairs split over <paramref name="callers"/> threads; the wall time from the common start.</summary>
    private static TimeSpan Run(FlowEngine engine, int callers, int pairs)
    {
        using var go = new ManualResetEventSlim();
        Exception? failure = null;
        var threads = Enumerable.Range(0, callers).Select(c => new Thread(() =>
        {
            try
            {
                go.Wait();
                for (var i = c; i < pairs; i += callers)
                {
                    var started = engine.StartAsync("Process_Approval", """{"amount": 1500, "customer": "ann", "approved": false}""").GetAwaiter().GetResult();
                    var done = engine.CompleteAsync(started.Id, "Review", """{"approved": true}""").GetAwaiter().GetResult();
                    if (done.Status != InstanceStatus.Completed)
                    {
                        throw new InvalidOperationException($"Instance {done.Id} is {done.Status}.");
                    }
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        var watch = Stopwatch.StartNew();
        go.Set();
        threads.ForEach(t => t.Join());
        watch.Stop();
        return failure is null ? watch.Elapsed : throw new InvalidOperationException("A caller failed.", failure);
    }
}
