using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Flow.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>--generator-scale [200 1000]</c> times the generator (driver, and driver + parse) at scale;
    /// <c>--write-diagrams DIR COUNT</c> writes the synthetic diagrams for benchmarks/build-time;
    /// <c>--cold-phases [1000]</c> times each phase of a cold compile (XML, hash, rules, naming, emit);
    /// <c>--steps</c> prints which pipeline steps re-ran in each scenario (no timing);
    /// <c>--time-to-serve</c> and <c>--swap-memory</c> measure deployments;
    /// <c>--content-to-serve</c> content deployment (diagram text to serving, cold and warm; memory over 500 deploys);
    /// <c>--instance-memory</c> the instance store over 1,000,000 instances;
    /// <c>--timers</c> 100,000 waiting timers fired by the job runner;
    /// <c>--multi-instance</c> a parallel multi-instance over 1,000 to 100,000 elements (time and state per element);
    /// <c>--durable-throughput</c> start + complete pairs per second in memory and on SQLite (Stopwatch);
    /// <c>--token-counts [100000]</c> FlowEngine.CountTokensAsync over waiting instances in memory, on SQLite and on PostgreSQL;
    /// <c>--straight-cpu</c> the four-handler process against hand-written calls, by thread CPU time;
    /// <c>--profile-engine</c> / <c>--profile-postgres</c> pairs per second with allocation and CPU per pair (Stopwatch);
    /// <c>--profile-engine --callers</c> the same in memory from 1, 2, 4 and ProcessorCount caller threads at once;
    /// <c>--generated-size [DIR]</c> generated characters per flow node, split by emitted part (DIR: also writes the two sources there);
    /// anything else goes to BenchmarkDotNet (e.g. <c>--filter '*'</c>).
    /// </summary>
    private static void Main(string[] args)
    {
        if (args.Contains("--steps", StringComparer.Ordinal))
        {
            StepReport.Print(Console.Out);
            return;
        }

        if (args.Contains("--generated-size", StringComparer.Ordinal))
        {
            var at = Array.IndexOf(args, "--generated-size");
            GeneratedSize.Run(Console.Out, at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal) ? args[at + 1] : null);
            return;
        }

        if (args.Length == 3 && args[0] == "--write-diagrams")
        {
            DiagramFiles.Write(Console.Out, args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args.Contains("--cold-phases", StringComparer.Ordinal))
        {
            var count = args.Where(a => int.TryParse(a, out _)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(1000).First();
            ColdPhases.Run(Console.Out, count);
            return;
        }

        if (args.Contains("--generator-scale", StringComparer.Ordinal))
        {
            GeneratorScale.WarmOnly = args.Contains("--warm-only", StringComparer.Ordinal);
            var counts = args.Where(a => int.TryParse(a, out _)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            GeneratorScale.Run(Console.Out, counts.Count > 0 ? counts : new[] { 200, 1000 });
            return;
        }

        if (args.Contains("--time-to-serve", StringComparer.Ordinal))
        {
            DeploymentMeasurements.TimeToServeAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--content-to-serve", StringComparer.Ordinal))
        {
            // --time-only: skip the 500 deploys of the memory part (a quick before/after of the times).
            ContentMeasurements.TimeToServeAsync(Console.Out, memoryDeploys: args.Contains("--time-only", StringComparer.Ordinal) ? 0 : 500).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--swap-memory", StringComparer.Ordinal))
        {
            DeploymentMeasurements.SwapMemoryAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--instance-memory", StringComparer.Ordinal))
        {
            InstanceMeasurements.InstanceMemoryAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--timers", StringComparer.Ordinal))
        {
            TimerMeasurements.FireAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--multi-instance", StringComparer.Ordinal))
        {
            MultiInstanceMeasurements.MeasureAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--durable-throughput", StringComparer.Ordinal))
        {
            DurableEngine.MeasureAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--token-counts", StringComparer.Ordinal))
        {
            var count = args.Where(a => int.TryParse(a, out _)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(100_000).First();
            TokenCountMeasurements.RunAsync(Console.Out, count).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--straight-cpu", StringComparer.Ordinal))
        {
            StraightLineCpu.Run(Console.Out);
            return;
        }

        if (args.Contains("--profile-engine", StringComparer.Ordinal) && args.Contains("--callers", StringComparer.Ordinal))
        {
            ThroughputProfileCallers.RunAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--profile-engine", StringComparer.Ordinal))
        {
            ThroughputProfile.EngineAsync(Console.Out).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--profile-postgres", StringComparer.Ordinal))
        {
            var callers = Environment.GetEnvironmentVariable("FLOW_BENCH_CALLERS");
            ThroughputProfile.PostgreSqlAsync(Console.Out, callers is null ? 64 : int.Parse(callers, System.Globalization.CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Config());
    }

    /// <summary>
    /// A short job so the whole suite fits in a few minutes on a 2-core machine: one launch,
    /// 15 warm-up and 15 measured iterations. Fifteen warm-ups rather than ShortRun's three:
    /// with three, tiered JIT was still promoting the generator's code during measurement and
    /// the warm benchmarks read 2-10x slow. Pass <c>--job</c> to use a BenchmarkDotNet job instead.
    /// </summary>
    private static IConfig Config() => DefaultConfig.Instance
        .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(15).WithIterationCount(15).WithId("Short15").AsDefault());
}
