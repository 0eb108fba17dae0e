using System.Diagnostics;
using System.Reflection;
using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>kill -9 of a writer: every acknowledged write is there exactly once, nothing is half-written (issue 11, faults).</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class CrashTests(PostgreSqlFixture fixture)
{
    private const int AcknowledgedBeforeKill = 300;

    public static string Id(int n) => $"w-{n:D6}";

    public static string Created(int n) => $"{{\"n\":{n},\"step\":\"created\"}}";

    public static string Updated(int n) => $"{{\"n\":{n},\"step\":\"updated\"}}";

    [Fact]
    public async Task After_kill_9_during_a_burst_of_saves_every_acknowledged_save_is_there_exactly_once()
    {
        var database = fixture.NewDatabase();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var acknowledged = -1;
        using (var child = ChildProcess.Start(Program.WriteUntilKilled, database))
        {
            try
            {
                while (acknowledged < AcknowledgedBeforeKill)
                {
                    var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                        ?? throw new InvalidOperationException("The writer ended early: " + await child.StandardError.ReadToEndAsync(timeout.Token));
                    acknowledged = int.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true); // SIGKILL on Unix: no disposal, connections cut mid-statement
                await child.WaitForExitAsync(timeout.Token);
            }

            // saves acknowledged after the last line read are in the pipe; count them too
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } rest)
            {
                acknowledged = int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        using var store = new PostgreSqlInstanceStore(database);
        var stored = (await store.QueryAsync(new InstanceQuery())).ToDictionary(i => i.Id);
        for (var n = 0; n <= acknowledged; n++)
        {
            var instance = stored[Id(n)];
            Assert.Equal(2, instance.Revision);
            Assert.Equal(Updated(n), instance.StateJson);
        }

        // at most the one save in flight at the kill is there beyond them, created (revision 1) or updated (2)
        var beyond = stored.Keys.Where(id => string.CompareOrdinal(id, Id(acknowledged)) > 0).ToList();
        Assert.True(beyond.Count <= 1, string.Join(",", beyond));
        foreach (var id in beyond)
        {
            Assert.Equal(Id(acknowledged + 1), id);
            Assert.Contains((stored[id].Revision, stored[id].StateJson), new[] { (1L, Created(acknowledged + 1)), (2L, Updated(acknowledged + 1)) });
        }

        // the store goes on from there
        Assert.True(await store.TrySaveAsync(Instances.Waiting(Id(acknowledged + 2)), 0));
    }
}

/// <summary>Runs this test assembly as a child process (see <see cref="Program"/>).</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
