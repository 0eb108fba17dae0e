using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Flow.Benchmarks.Flows;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Benchmarks;

/// <summary>
/// Start + complete of a one-user-task process through <see cref="FlowEngine"/> on PostgreSQL
/// (durable: fsync and synchronous_commit on, each acknowledged call committed). One operation
/// is one pair: a start (one save) and a completion (one load, one save), callers running
/// <see cref="Callers"/> pairs at once (a node serves many requests at once; PostgreSQL commits
/// concurrent transactions together). The server is one the benchmark starts itself (initdb +
/// pg_ctl in a temp folder, as the tests do), or $FLOW_BENCH_POSTGRES (a connection string).
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlEngineBenchmarks
{
    private const int PairsPerInvoke = 1_000;
    private PostgreSqlServer? _server;
    private PostgreSqlInstanceStore? _store;
    private FlowEngine? _engine;
    private string? _root;

    /// <summary>How many pairs run at once.</summary>
    [Params(1, 16, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = Environment.GetEnvironmentVariable("FLOW_BENCH_POSTGRES");
        if (string.IsNullOrEmpty(connectionString))
        {
            _server = PostgreSqlServer.StartNew();
            connectionString = _server.CreateDatabase();
        }

        // a pool as large as the callers, so no call waits for a connection
        connectionString += $";Maximum Pool Size={Math.Max(Callers, 10)}";
        _store = new PostgreSqlInstanceStore(connectionString);
        _engine = new FlowEngine(new DeploymentRegistry(), _store);
        _root = Path.Combine(Path.GetTempPath(), "flow-bench-pg-" + Guid.NewGuid().ToString("N"));
        _engine.DeployAsync(new[] { ReviewFolder.Write(_root) }).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        _server?.Dispose();
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Benchmark(OperationsPerInvoke = PairsPerInvoke)]
    public async Task StartAndComplete()
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= PairsPerInvoke)
            {
                var started = await _engine!.StartAsync(ReviewFolder.Key, """{"amount": 5}""").ConfigureAwait(false);
                var done = await _engine.CompleteAsync(started.Id, "Review").ConfigureAwait(false);
                if (done.Status != InstanceStatus.Completed)
                {
                    throw new InvalidOperationException($"Instance {done.Id} is {done.Status}.");
                }
            }
        }))).ConfigureAwait(false);
    }

    /// <summary>A deployment folder of the benchmark flow library listing the durable review process.</summary>
    private static class ReviewFolder
    {
        public const string Key = "Process_DurableReview";

        public static string Write(string root) => DeploymentFolders.Write(root, 1, typeof(DurableReviewProcess));
    }
}
