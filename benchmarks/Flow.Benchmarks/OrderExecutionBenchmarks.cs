using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Flow.Benchmarks.Flows;

namespace Flow.Benchmarks;

/// <summary>
/// One instance of the peers' order process (3 tasks, exclusive split on amount &gt; 1000, merge,
/// parallel fork of 2 tasks, join) per operation, alternating 500 / 5000 like bpmn-engine's
/// harness: the generated straight-line method, the token engine on the same process, and the
/// same calls written by hand (the baseline).
/// </summary>
[MemoryDiagnoser]
public class OrderExecutionBenchmarks : OrderBenchmarkBase
{
    [GlobalSetup]
    public void Check()
    {
        // Never measure a broken run: it must complete with the 6 expected steps. (The token
        // engine is checked by its own table: setting the switch here would leave this process
        // paying for a thread-static read that production never makes.)
        var straight = Process.StartAsync(new OrderProcess.Data { amount = 5000m }).AsTask().GetAwaiter().GetResult();
        if (straight.Status != InstanceStatus.Completed || straight.Data.steps != 6)
        {
            throw new InvalidOperationException("The order process did not complete with 6 steps.");
        }
    }

    [Benchmark]
    public async ValueTask<int> GeneratedStraightLine()
    {
        var instance = await Process.StartAsync(new OrderProcess.Data { amount = NextAmount() });
        return instance.Data.steps;
    }

}

/// <summary>
/// The same process on the token engine (what a process with wait states runs on), with the
/// hand-written baseline again so the ratio is in one table. The switch is set once, in setup.
/// </summary>
[MemoryDiagnoser]
public class OrderTokenEngineBenchmarks : OrderBenchmarkBase
{
    [GlobalSetup]
    public void UseTokenEngine()
    {
        EngineSwitchAccess.Force(true);
        var engine = Process.StartAsync(new OrderProcess.Data { amount = 500m }).AsTask().GetAwaiter().GetResult();
        if (engine.Status != InstanceStatus.Completed || engine.Data.steps != 6)
        {
            throw new InvalidOperationException("The order process did not complete with 6 steps on the token engine.");
        }
    }

    [Benchmark]
    public async ValueTask<int> TokenEngine()
    {
        var instance = await Process.StartAsync(new OrderProcess.Data { amount = NextAmount() });
        return instance.Data.steps;
    }
}

/// <summary>The hand-written baseline and the alternating amounts both tables share.</summary>
public abstract class OrderBenchmarkBase
{
    private readonly HandWrittenOrder _handWritten = new();
    private int _next;

    protected OrderProcess Process { get; } = new();

    [Benchmark(Baseline = true)]
    public async ValueTask<int> HandWritten()
    {
        var data = new OrderProcess.Data { amount = NextAmount() };
        await _handWritten.RunAsync(data);
        return data.steps;
    }

    protected decimal NextAmount() => (_next++ & 1) == 0 ? 500m : 5000m;
}
