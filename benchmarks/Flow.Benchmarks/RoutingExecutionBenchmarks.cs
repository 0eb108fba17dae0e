using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Flow.Benchmarks.Flows;

namespace Flow.Benchmarks;

/// <summary>
/// The four-handler process (Flow.Benchmarks.Flows/routing.bpmn: start → task → exclusive split →
/// one of two tasks → merge → task → end, synchronous handlers), alternating 500 / 5000: the
/// generated class's straight-line run (with an instance, and as a value without one) against the same calls written by hand (the baseline).
/// </summary>
[MemoryDiagnoser]
public partial class RoutingExecutionBenchmarks
{
    private readonly HandWrittenRouting _handWritten = new();
    private readonly RoutingProcess _process = new();
    private int _next;

    [GlobalSetup]
    public void Check()
    {
        var instance = _process.StartAsync(new RoutingProcess.Data { amount = 5000m }).AsTask().GetAwaiter().GetResult();
        if (instance.Status != InstanceStatus.Completed || instance.Data.steps != 3)
        {
            throw new InvalidOperationException("The routing process did not complete with 3 steps.");
        }
    }

    [Benchmark(Baseline = true)]
    public async ValueTask<int> HandWritten()
    {
        var data = new RoutingProcess.Data { amount = NextAmount() };
        await _handWritten.RunAsync(data);
        return data.steps;
    }

    /// <summary>StartAsync: the run plus the instance object the caller gets back.</summary>
    [Benchmark]
    public async ValueTask<int> GeneratedStart()
    {
        var instance = await _process.StartAsync(new RoutingProcess.Data { amount = NextAmount() });
        return instance.Data.steps;
    }

    /// <summary>RunAsync: the run alone, its outcome a value (no instance object).</summary>
    [Benchmark]
    public async ValueTask<int> GeneratedRun()
    {
        var data = new RoutingProcess.Data { amount = NextAmount() };
        await _process.RunAsync(data);
        return data.steps;
    }

    private decimal NextAmount() => (_next++ & 1) == 0 ? 500m : 5000m;
}
