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
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--profile-engine</c> and <c>--profile-postgres</c>: Stopwatch measurements (not BenchmarkDotNet)
/// of start + complete pairs that also say where the time goes: pairs per second, allocated bytes
/// per pair, this process's CPU per pair and, for PostgreSQL, the rest of the machine's CPU per
/// pair (the server's, plus whatever else runs: read it with the load average).
/// </summary>
internal static class ThroughputProfile
{
    public static async Task EngineAsync(TextWriter output, int pairs = 200_000)
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-profile-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var engine = new FlowEngine(new DeploymentRegistry(), new InMemoryInstanceStore());
            await engine.DeployAsync(new[] { DeploymentFolders.Write(root, 1, typeof(ApprovalProcess)) });
            using var sampler = Environment.GetEnvironmentVariable("FLOW_PROFILE_ALLOC") == "1" ? new AllocationSampler() : null;

            // The same pairs through each way of passing the data, back to back in every round, so
            // their ratios come from one run on one (loaded) machine: the JSON text, UTF-8 bytes the
            // caller already has (a request body), and the caller's own types with source-generated metadata.
            var dataUtf8 = """{"amount": 1500, "customer": "ann", "approved": false}"""u8.ToArray();
            var outputUtf8 = """{"approved": true}"""u8.ToArray();
            var paths = new (string Name, Func<Task> Pair)[]
            {
                ("utf8", async () =>
                {
                    var started = await engine.StartAsync("Process_Approval", dataUtf8.AsMemory());
                    await engine.CompleteAsync(started.Id, "Review", outputUtf8.AsMemory());
                }),
                ("typed", async () =>
                {
                    var started = await engine.StartAsync("Process_Approval", new ApprovalInput(1500, "ann", false), ProfileJson.Default.ApprovalInput);
                    await engine.CompleteAsync(started.Id, "Review", new ReviewDecision(true), ProfileJson.Default.ReviewDecision);
                }),
                ("text", async () =>
                {
                    var started = await engine.StartAsync("Process_Approval", """{"amount": 1500, "customer": "ann", "approved": false}""");
                    await engine.CompleteAsync(started.Id, "Review", """{"approved": true}""");
                }),
            };
            for (var round = 0; round < 3; round++)
            {
                foreach (var (name, pair) in paths)
                {
                    if (round == 2 && name == "text")
                    {
                        // the allocation types of the text path (the one the figures before it were taken on)
                        sampler?.Start();
                    }

                    var gcBefore = GC.CollectionCount(0);
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < pairs; i++)
                    {
                        await pair();
                    }

                    watch.Stop();
                    output.WriteLine(
                        $"in-memory, {name,-5}: {pairs / watch.Elapsed.TotalSeconds,10:N0} pairs/s  {watch.Elapsed.TotalMilliseconds * 1000 / pairs,6:N2} us/pair  " +
                        $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)pairs,8:N0} B/pair  gen0 {GC.CollectionCount(0) - gcBefore}  " +
                        $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / pairs,6:N2} us/pair");
                }
            }

            sampler?.Report(output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static async Task PostgreSqlAsync(TextWriter output, int callers = 64, int pairs = 10_000)
    {
        var connectionString = Environment.GetEnvironmentVariable("FLOW_BENCH_POSTGRES");
        using var server = string.IsNullOrEmpty(connectionString) ? PostgreSqlServer.StartNew() : null;
        connectionString = (server?.CreateDatabase() ?? connectionString) + $";Maximum Pool Size={Math.Max(callers, 10)}";
        var root = Path.Combine(Path.GetTempPath(), "flow-profile-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var maxEnded = Environment.GetEnvironmentVariable("FLOW_BENCH_MAX_ENDED");
            using var store = new PostgreSqlInstanceStore(
                connectionString, maxEnded is null ? InstanceRetention.Default : new InstanceRetention { MaxEnded = int.Parse(maxEnded, System.Globalization.CultureInfo.InvariantCulture) });
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { DeploymentFolders.Write(root, 1, typeof(DurableReviewProcess)) });
            // FLOW_BENCH_ROUNDS: more rounds show the client after the JIT's tiering has settled (default 3)
            var rounds = Environment.GetEnvironmentVariable("FLOW_BENCH_ROUNDS") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 3;
            for (var round = 0; round < rounds; round++)
            {
                var machineBefore = MachineCpu();
                var serverBefore = ServerCpu(server);
                var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var next = -1;
                await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
                {
                    while (Interlocked.Increment(ref next) < pairs)
                    {
                        var started = await engine.StartAsync("Process_DurableReview", """{"amount": 5}""").ConfigureAwait(false);
                        var done = await engine.CompleteAsync(started.Id, "Review").ConfigureAwait(false);
                        if (done.Status != InstanceStatus.Completed)
                        {
                            throw new InvalidOperationException($"Instance {done.Id} is {done.Status}.");
                        }
                    }
                })));
                watch.Stop();
                var own = (Process.GetCurrentProcess().TotalProcessorTime - ownBefore).TotalMilliseconds * 1000 / pairs;
                var machine = (MachineCpu() - machineBefore).TotalMilliseconds * 1000 / pairs;
                var serverCpu = (ServerCpu(server) - serverBefore).TotalMilliseconds * 1000 / pairs;
                output.WriteLine(
                    $"postgresql, {callers} callers: {pairs / watch.Elapsed.TotalSeconds,8:N0} pairs/s  {watch.Elapsed.TotalMilliseconds * 1000 / pairs,7:N1} us/pair wall  " +
                    $"CPU us/pair: this process {own,6:N1}, server {serverCpu,6:N1}, rest of machine {machine - own - serverCpu,6:N1}  " +
                    $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)pairs,8:N0} B/pair");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>CPU time of the server's processes (the postmaster's children alive now; backends that ended are not counted).</summary>
    private static TimeSpan ServerCpu(PostgreSqlServer? server)
    {
        if (server is null)
        {
            return TimeSpan.Zero;
        }

        var postmaster = File.ReadLines(Path.Combine(server.Folder, "data", "postmaster.pid")).First().Trim();
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var (pid, parent) = (Path.GetFileName(folder), fields[1]);
                if (pid == postmaster || parent == postmaster)
                {
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Busy CPU time of the whole machine since boot (user + nice + system + irq + softirq, from /proc/stat).</summary>
    private static TimeSpan MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long ticks = 0;
        foreach (var i in new[] { 1, 2, 3, 6, 7 })
        {
            ticks += long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}

/// <summary>A caller's own start data for the approval flow (the flow's data type lives in the flow's load context).</summary>
internal sealed record ApprovalInput(
    [property: System.Text.Json.Serialization.JsonPropertyName("amount")] decimal Amount,
    [property: System.Text.Json.Serialization.JsonPropertyName("customer")] string Customer,
    [property: System.Text.Json.Serialization.JsonPropertyName("approved")] bool Approved);

/// <summary>A caller's own output of the approval flow's review task.</summary>
internal sealed record ReviewDecision([property: System.Text.Json.Serialization.JsonPropertyName("approved")] bool Approved);

/// <summary>The caller's source-generated metadata.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(ApprovalInput))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReviewDecision))]
internal sealed partial class ProfileJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
