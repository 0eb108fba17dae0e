using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Flow.Benchmarks.Flows;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--straight-cpu</c>: the four-handler process of <see cref="RoutingExecutionBenchmarks"/>
/// (hand-written, <c>StartAsync</c>, <c>RunAsync</c>) timed by this thread's CPU time, not the
/// wall clock, so a machine shared with other builds does not count their time slices. The three
/// run interleaved, round after round; the ratio is of the medians of one process run. Linux only
/// (CLOCK_THREAD_CPUTIME_ID); elsewhere it falls back to the wall clock and says so.
/// </summary>
internal static class StraightLineCpu
{
    private const int Rounds = 40;
    private const int RunsPerRound = 200_000;

    private static readonly HandWrittenRouting HandWrittenProcess = new();
    private static readonly RoutingProcess Process = new();
    private static int s_next;
    private static long s_sink;

    public static void Run(TextWriter output)
    {
        var variants = new (string Name, Func<ValueTask<int>> Run)[]
        {
            ("HandWritten", HandWritten),
            ("GeneratedStart", GeneratedStart),
            ("GeneratedRun", GeneratedRun),
        };
        var times = variants.ToDictionary(v => v.Name, _ => new List<double>());
        foreach (var variant in variants)
        {
            Measure(variant.Run); // tiered JIT: the measured rounds run the final code
            Measure(variant.Run);
        }

        for (var round = 0; round < Rounds; round++)
        {
            foreach (var variant in variants)
            {
                times[variant.Name].Add(Measure(variant.Run));
            }
        }

        output.WriteLine(IsLinux ? "CPU time of this thread per run (ns), " + Rounds + " rounds of " + RunsPerRound + ":" : "Wall clock per run (ns; CPU time needs Linux):");
        var baseline = Median(times["HandWritten"]);
        foreach (var variant in variants)
        {
            var sorted = times[variant.Name].OrderBy(t => t).ToList();
            output.WriteLine($"{variant.Name,-15} min {sorted[0],7:F2}  median {Median(sorted),7:F2}  ratio of medians {Median(sorted) / baseline:F2}  allocated {Allocated(variant.Run)} B/run");
        }

        GC.KeepAlive(s_sink);
    }

    private static async ValueTask<int> HandWritten()
    {
        var data = new RoutingProcess.Data { amount = NextAmount() };
        await HandWrittenProcess.RunAsync(data);
        return data.steps;
    }

    private static async ValueTask<int> GeneratedStart()
    {
        var instance = await Process.StartAsync(new RoutingProcess.Data { amount = NextAmount() });
        return instance.Data.steps;
    }

    private static async ValueTask<int> GeneratedRun()
    {
        var data = new RoutingProcess.Data { amount = NextAmount() };
        await Process.RunAsync(data);
        return data.steps;
    }

    private static decimal NextAmount() => (s_next++ & 1) == 0 ? 500m : 5000m;

    private static double Measure(Func<ValueTask<int>> run)
    {
        var start = Now();
        for (var i = 0; i < RunsPerRound; i++)
        {
            var result = run();
            s_sink += result.IsCompletedSuccessfully ? result.Result : result.AsTask().GetAwaiter().GetResult();
        }

        return (Now() - start) / (double)RunsPerRound;
    }

    private static double Allocated(Func<ValueTask<int>> run)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            s_sink += run().GetAwaiter().GetResult();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / 10_000.0;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static bool IsLinux => OperatingSystem.IsLinux();

    /// <summary>Nanoseconds of this thread's CPU time (Linux), else of the wall clock.</summary>
    private static long Now()
    {
        if (IsLinux && ClockGetTime(ThreadCpuTimeClock, out var time) == 0)
        {
            return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
        }

        return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
