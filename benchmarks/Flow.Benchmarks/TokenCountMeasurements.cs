using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Benchmarks.Flows;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--token-counts [100000]</c>: <see cref="FlowEngine.CountTokensAsync"/> over N waiting
/// instances of a two-user-task process (75% at Approve, 25% at Ship) in memory, on SQLite (a
/// temp file) and on PostgreSQL (a server started like the tests do, or $FLOW_BENCH_POSTGRES).
/// Two instances are run through FlowEngine (one to each task); the store is filled with copies
/// of their stored form under new ids, saved through <see cref="IInstanceStore.TrySaveAsync"/>
/// by many callers at once (the stores' group commit batches them): the same rows the engine
/// writes, without running the process 100,000 times. 3 warm-up calls, 20 timed (Stopwatch).
/// </summary>
internal static class TokenCountMeasurements
{
    private const string Key = "Process_TokenCounts";
    private const int WarmUp = 3;
    private const int Timed = 20;
    private const int FillCallers = 256;

    public static async Task RunAsync(TextWriter output, int count)
    {
        output.WriteLine($"CountTokensAsync over {count:N0} waiting instances ({count * 3 / 4:N0} at Approve, {count - count * 3 / 4:N0} at Ship); {WarmUp} warm-up, {Timed} timed calls");
        output.WriteLine("store / path     fill s   median ms   min ms   max ms   allocated/call");
        var only = Environment.GetEnvironmentVariable("FLOW_BENCH_STORES")?.Split(',') ?? new[] { "memory", "sqlite", "postgres" };
        var root = Path.Combine(Path.GetTempPath(), "flow-bench-counts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            foreach (var name in only)
            {
                PostgreSqlServer? server = null;
                IInstanceStore store;
                switch (name)
                {
                    case "memory":
                        store = new InMemoryInstanceStore();
                        break;
                    case "sqlite":
                        store = new SqliteInstanceStore(Path.Combine(root, "flows.db"));
                        break;
                    case "postgres":
                        var connectionString = Environment.GetEnvironmentVariable("FLOW_BENCH_POSTGRES");
                        if (string.IsNullOrEmpty(connectionString))
                        {
                            server = PostgreSqlServer.StartNew();
                            connectionString = server.CreateDatabase();
                        }

                        store = new PostgreSqlInstanceStore(connectionString);
                        break;
                    default:
                        throw new ArgumentException($"Unknown store '{name}' in FLOW_BENCH_STORES (memory, sqlite, postgres).");
                }

                try
                {
                    await MeasureAsync(output, name, store, Path.Combine(root, name), count);
                }
                finally
                {
                    (store as IDisposable)?.Dispose();
                    server?.Dispose();
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task MeasureAsync(TextWriter output, string name, IInstanceStore store, string folder, int count)
    {
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { DeploymentFolders.Write(folder, 1, typeof(TokenCountsProcess)) });
        var atApprove = await engine.StartAsync(Key, """{"amount": 12.5, "customer": "ann"}""");
        var atShip = await engine.StartAsync(Key, """{"amount": 99, "customer": "bob"}""");
        await engine.CompleteAsync(atShip.Id, "Approve");
        var templates = new[]
        {
            await store.LoadAsync(atApprove.Id) ?? throw new InvalidOperationException("template missing"),
            await store.LoadAsync(atShip.Id) ?? throw new InvalidOperationException("template missing"),
        };

        var fill = Stopwatch.StartNew();
        var next = 2; // the two templates are instances too
        await Task.WhenAll(Enumerable.Range(0, FillCallers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= count)
            {
                var template = templates[i <= count / 4 + 1 ? 1 : 0]; // with the templates: count / 4 at Ship, the rest at Approve
                var copy = template with { Id = "bench-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), Revision = 0 };
                if (!await store.TrySaveAsync(copy, 0).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"Instance {copy.Id} was refused.");
                }
            }
        })));
        fill.Stop();

        // the query path (every instance of the key through QueryAsync) and, where the store offers it, the token-state path, back to back
        await TimeAsync(output, name + " query", fill.Elapsed, new FlowEngine(new DeploymentRegistry(), new QueryOnlyStore(store)), count);
        if (store is ITokenStateSource)
        {
            await TimeAsync(output, name + " states", fill.Elapsed, engine, count);
        }
    }

    private static async Task TimeAsync(TextWriter output, string name, TimeSpan fill, FlowEngine engine, int count)
    {
        var expected = await engine.CountTokensAsync(Key);
        var total = expected.Sum(r => r.Waiting);
        if (total != count)
        {
            throw new InvalidOperationException($"{name}: counted {total} waiting tokens, expected {count}: {string.Join(", ", expected)}");
        }

        for (var i = 0; i < WarmUp; i++)
        {
            await engine.CountTokensAsync(Key);
        }

        var times = new List<double>(Timed);
        long allocated = 0;
        for (var i = 0; i < Timed; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await engine.CountTokensAsync(Key);
            watch.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = (times[Timed / 2 - 1] + times[Timed / 2]) / 2;
        output.WriteLine($"{name,-16} {fill.TotalSeconds,7:N1}  {median,10:N0}  {times[0],7:N0}  {times[^1],7:N0}  {allocated / Timed / 1024.0 / 1024.0,10:N1} MiB   ({string.Join(", ", expected.Select(r => $"{r.NodeId}={r.Waiting}"))})");
    }

    /// <summary>The store without its <see cref="ITokenStateSource"/>: the path CountTokensAsync took before it.</summary>
    private sealed class QueryOnlyStore(IInstanceStore inner) : IInstanceStore
    {
        public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default) =>
            inner.TrySaveAsync(instance, expectedRevision, cancellationToken);

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    }
}
