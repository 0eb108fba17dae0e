using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Flow.Benchmarks.Flows;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Benchmarks;

/// <summary>
/// Start + complete of a one-user-task process (durable-approval.bpmn) through <see cref="FlowEngine"/>,
/// from many concurrent callers, in memory and on a SQLite file (WAL, synchronous = FULL; each
/// acknowledged save durable, concurrent saves sharing group commits). One operation is one pair:
/// a start (one save) and a complete (one load, one save).
/// </summary>
public class SqliteEngineBenchmarks
{
    private const int OneCallerPairs = 256;
    private const int ManyCallersPairs = 4096;
    private DurableEngine? _engine;

    [Params("in-memory", "sqlite")]
    public string Store { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup() => _engine = DurableEngine.CreateAsync(Store == "sqlite").GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _engine?.Dispose();

    /// <summary>One caller: each save waits for its own commit (the latency of a lone command).</summary>
    [Benchmark(OperationsPerInvoke = OneCallerPairs)]
    public Task OneCaller() => _engine!.RunPairsAsync(1, OneCallerPairs);

    /// <summary>256 callers at once: their saves share commits.</summary>
    [Benchmark(OperationsPerInvoke = ManyCallersPairs)]
    public Task Callers256() => _engine!.RunPairsAsync(256, ManyCallersPairs);
}

/// <summary>A FlowEngine on a fresh store with the durable-approval process deployed.</summary>
internal sealed class DurableEngine : IDisposable
{
    private const string Key = "Process_DurableApproval";
    private readonly string _root;
    private readonly IInstanceStore _store;

    private DurableEngine(string root, IInstanceStore store, FlowEngine engine)
    {
        _root = root;
        _store = store;
        Engine = engine;
    }

    public FlowEngine Engine { get; }

    public static async Task<DurableEngine> CreateAsync(bool sqlite)
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-bench-durable-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        IInstanceStore store = sqlite ? new SqliteInstanceStore(Path.Combine(root, "flows.db")) : new InMemoryInstanceStore();
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { WriteFolder(root) });
        return new DurableEngine(root, store, engine);
    }

    /// <summary>Runs <paramref name="pairs"/> start + complete pairs spread over <paramref name="callers"/> concurrent callers.</summary>
    public async Task RunPairsAsync(int callers, int pairs)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < pairs)
            {
                var started = await Engine.StartAsync(Key, """{"amount": 7}""").ConfigureAwait(false);
                var done = await Engine.CompleteAsync(started.Id, "Approve").ConfigureAwait(false);
                if (done.Status != InstanceStatus.Completed)
                {
                    throw new InvalidOperationException($"Instance {done.Id} is {done.Status}.");
                }
            }
        }))).ConfigureAwait(false);
    }

    /// <summary><c>--durable-throughput</c>: a Stopwatch measurement of pairs per second for a quick number (not a BenchmarkDotNet run).</summary>
    public static async Task MeasureAsync(TextWriter output, int pairs = 20_000)
    {
        output.WriteLine("store      callers  pairs/s");
        foreach (var sqlite in Environment.GetEnvironmentVariable("FLOW_BENCH_ONLY_SQLITE") is null ? new[] { false, true } : new[] { true })
        {
            foreach (var callers in Environment.GetEnvironmentVariable("FLOW_BENCH_ONLY_SQLITE") is null ? new[] { 1, 16, 64, 256 } : new[] { 256 })
            {
                using var engine = await CreateAsync(sqlite);
                var count = callers == 1 && sqlite ? pairs / 20 : pairs;
                await engine.RunPairsAsync(callers, Math.Min(count, 2_000)); // warm-up
                var watch = Stopwatch.StartNew();
                await engine.RunPairsAsync(callers, count);
                output.WriteLine($"{(sqlite ? "sqlite" : "in-memory"),-10} {callers,7}  {count / watch.Elapsed.TotalSeconds,7:N0}");
            }
        }
    }

    public void Dispose()
    {
        (_store as IDisposable)?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    /// <summary>A deployment folder of the benchmark flow library serving the durable-approval process.</summary>
    private static string WriteFolder(string root) => DeploymentFolders.Write(root, 1, typeof(DurableApprovalProcess));
}
