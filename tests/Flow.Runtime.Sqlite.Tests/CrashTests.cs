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
    public async Task After_kill_9_during_a_burst_of_saves_every_acknowledged_save_is_there_exactly_once()
    {
        using var db = new TempDatabase();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var acknowledged = -1;
        using (var child = StartWriter(db.File))
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
                child.Kill(entireProcessTree: true); // SIGKILL on Unix: no disposal, no checkpoint
                await child.WaitForExitAsync(timeout.Token);
            }

            // saves acknowledged after the last line read are in the pipe; count them too
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } rest)
            {
                acknowledged = int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Equal("ok", IntegrityCheck(db.File));
        var store = db.Open();
        var stored = (await store.QueryAsync(new InstanceQuery())).ToDictionary(i => i.Id);
        for (var n = 0; n <= acknowledged; n++)
        {
            var instance = stored[Id(n)];
            Assert.Equal(2, instance.Revision);
            Assert.Equal(Updated(n), instance.StateJson);
        }

        // at most the one save in flight at the kill is there beyond them, created or updated
        var beyond = stored.Keys.Where(id => string.CompareOrdinal(id, Id(acknowledged)) > 0).ToList();
        Assert.True(beyond.Count <= 1, string.Join(",", beyond));
        foreach (var id in beyond)
        {
            Assert.Equal(Id(acknowledged + 1), id);
            Assert.Contains(stored[id].StateJson, new[] { Created(acknowledged + 1), Updated(acknowledged + 1) });
        }
    }

    private static Process StartWriter(string file)
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
