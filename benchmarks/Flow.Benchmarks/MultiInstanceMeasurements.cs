using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flow.Benchmarks.Flows;

namespace Flow.Benchmarks;

/// <summary>
/// A parallel multi-instance over n elements (fanout.bpmn): the service task's n handler calls
/// with gathered output, then n user-task elements waiting, completed one by one in reverse
/// order (out of order). Per n: time per element for each phase and the saved state's size per
/// element. Linear in n means the per-element figures stay flat as n grows.
/// </summary>
internal static class MultiInstanceMeasurements
{
    public static async Task MeasureAsync(TextWriter output)
    {
        EngineSwitch.ForceTokenEngine = true;
        await RunAsync(100, null);   // warm up
        output.WriteLine("| elements | start (n handlers + n waits) | per element | complete all, out of order | per element | state at start | per element | state half done | per element |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var n in new[] { 1_000, 10_000, 100_000 })
        {
            await RunAsync(n, output);
        }
    }

    private static async Task RunAsync(int n, TextWriter? output)
    {
        var process = new FanOutProcess();
        var data = new FanOutProcess.Data { items = Enumerable.Range(0, n).ToList() };
        var watch = Stopwatch.StartNew();
        var instance = await process.StartAsync(data);
        var started = watch.Elapsed;
        var atStart = instance.ToJson().Length;
        watch.Restart();
        for (var i = n - 1; i >= 0; i--)
        {
            if (i == n / 2)
            {
                watch.Stop();
                var half = instance.ToJson().Length;
                watch.Start();
                if (output is not null && i == n / 2)
                {
                    _halfDone = half;
                }
            }

            await instance.CompleteConfirmAsync(i);
        }

        var completed = watch.Elapsed;
        if (instance.Status != InstanceStatus.Completed || instance.Data.results.Count != n)
        {
            throw new InvalidOperationException($"The fan-out over {n} did not complete ({instance.Status}, {instance.Data.results.Count} results).");
        }

        output?.WriteLine(FormattableString.Invariant(
            $"| {n:N0} | {started.TotalMilliseconds:0.0} ms | {started.TotalMilliseconds * 1000 / n:0.00} µs | {completed.TotalMilliseconds:0.0} ms | {completed.TotalMilliseconds * 1000 / n:0.00} µs | {atStart:N0} B | {atStart / (double)n:0.00} B | {_halfDone:N0} B | {_halfDone / (double)n:0.00} B |"));
    }

    private static int _halfDone;
}
