using System.Diagnostics;
using System.Reflection;
using Flow.Instances;
using Microsoft.Data.Sqlite;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>kill -9 of a writer: the file opens, passes an integrity check and holds every acknowledged write once (issue 11, faults).</summary>
public class CrashTests
{
    private const int AcknowledgedBeforeKill = 300;

    public static string Id(int n) => $"w-{n:D6}";

    public static string Created(int n) => $"{{\"n\":{n},\"step\":\"created\"}}";

    public static string Updated(int n) => $"{{\"n\":{n},\"step\":\"updated\"}}";

    [Fact]
    public Task After_kill_9_during_a_burst_of_saves_every_acknowledged_save_is_there_exactly_once() => KillDuringBurstAsync(callers: 1);

    /// <summary>Many callers at once: their saves share group commits; an acknowledged save is still durable.</summary>
    [Fact]
    public Task After_kill_9_during_a_burst_of_concurrent_saves_sharing_commits_every_acknowledged_save_is_there_exactly_once() => KillDuringBurstAsync(callers: 16);

    private static async Task KillDuringBurstAsync(int callers)
    {
        using var db = new TempDatabase();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var acknowledged = new HashSet<int>();
        using (var child = StartWriter(db.File, callers))
        {
            try
            {
                while (acknowledged.Count <= AcknowledgedBeforeKill)
                {
                    var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                        ?? throw new InvalidOperationException("The writer ended early: " + await child.StandardError.ReadToEndAsync(timeout.Token));
                    acknowledged.Add(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true); // SIGKILL on Unix: no disposal, no checkpoint
                await child.WaitForExitAsync(timeout.Token);
            }

            // saves acknowledged after the last line read are in the pipe; count them too
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } rest)
            {
                acknowledged.Add(int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal("ok", IntegrityCheck(db.File));
        var store = db.Open();
        var stored = (await store.QueryAsync(new InstanceQuery())).ToDictionary(i => i.Id);
        foreach (var n in acknowledged)
        {
            var instance = stored[Id(n)];
            Assert.Equal(2, instance.Revision);
            Assert.Equal(Updated(n), instance.StateJson);
        }

        // beyond them, at most the one save in flight of each caller (caller n % callers) at the kill, created or updated
        var beyond = stored.Keys.Select(id => int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture)).Where(n => !acknowledged.Contains(n)).ToList();
        Assert.Equal(beyond.Count, beyond.Select(n => n % callers).Distinct().Count());
        foreach (var n in beyond)
        {
            Assert.DoesNotContain(acknowledged, m => m % callers == n % callers && m > n);
            Assert.Contains(stored[Id(n)].StateJson, new[] { Created(n), Updated(n) });
        }
    }

    private static Process StartWriter(string file, int callers)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        info.ArgumentList.Add(Program.WriteUntilKilled);
        info.ArgumentList.Add(file);
        info.ArgumentList.Add(callers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static string? IntegrityCheck(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return command.ExecuteScalar() as string;
    }
}
