using System.Globalization;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// The test assembly doubles as the child process of the cluster tests (a second node with its
/// own registry, store and connections) and of the kill -9 test.
/// </summary>
public static class Program
{
    /// <summary>Creates then updates instances one after the other, printing each number once its update is acknowledged, until killed.</summary>
    public const string WriteUntilKilled = "write-until-killed";

    /// <summary>A second engine: reads "ID GO-TICKS" lines, completes ID's Review task at that UTC time, prints the outcome.</summary>
    public const string CompleteOnCue = "complete-on-cue";

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case [WriteUntilKilled, var connectionString]:
                return await WriteAsync(connectionString);
            case [CompleteOnCue, var connectionString, var folder]:
                return await CompleteAsync(connectionString, folder);
            default:
                await Console.Error.WriteLineAsync($"usage: {WriteUntilKilled} CONNECTION-STRING | {CompleteOnCue} CONNECTION-STRING FOLDER");
                return 2;
        }
    }

    private static async Task<int> WriteAsync(string connectionString)
    {
        using var store = new PostgreSqlInstanceStore(connectionString);
        for (var n = 0; ; n++)
        {
            var id = CrashTests.Id(n);
            if (!await store.TrySaveAsync(Instances.Waiting(id, state: CrashTests.Created(n)), 0)
                || !await store.TrySaveAsync(Instances.Waiting(id, state: CrashTests.Updated(n)), 1))
            {
                await Console.Error.WriteLineAsync($"save of {id} refused");
                return 1;
            }

            Console.WriteLine(n);
            Console.Out.Flush();
        }
    }

    private static async Task<int> CompleteAsync(string connectionString, string folder)
    {
        using var store = new PostgreSqlInstanceStore(connectionString);
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { folder });
        Console.WriteLine("ready");
        Console.Out.Flush();
        while (Console.ReadLine() is { Length: > 0 } line)
        {
            var parts = line.Split(' ');
            var go = new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            Console.WriteLine(await ClusterTests.CompleteAtAsync(engine, parts[0], go));
            Console.Out.Flush();
        }

        return 0;
    }
}
