using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Flow.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>--steps</c> prints which pipeline steps re-ran in each scenario (no timing);
    /// anything else goes to BenchmarkDotNet (e.g. <c>--filter '*'</c>).
    /// </summary>
    private static void Main(string[] args)
    {
        if (args.Contains("--steps", StringComparer.Ordinal))
        {
            StepReport.Print(Console.Out);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Config());
    }

    /// <summary>
    /// A short job so the whole suite fits in a few minutes on a 2-core machine: one launch,
    /// 3 warm-up and 10 measured iterations. Pass <c>--job</c> on the command line to use a BenchmarkDotNet job instead.
    /// </summary>
    private static IConfig Config() => DefaultConfig.Instance
        .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Short10").AsDefault());
}
