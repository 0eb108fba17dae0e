using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server of the test run's own: <c>initdb</c> into a temp folder (data and
/// unix socket both there), <c>pg_ctl start</c> on a free loopback port, trust authentication
/// for the user <c>flow</c> (also linked into the benchmarks). As root, every server command runs as the <c>postgres</c> user
/// (<c>runuser -u postgres --</c>), which then owns the folder. Missing binaries are an error
/// that says what to install: the tests never skip.
/// </summary>
public sealed class PostgreSqlServer : IDisposable
{
    private const string User = "flow";
    private static int s_databases;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgreSqlServer(string bin)
    {
        _bin = bin;
        _asPostgresUser = Environment.UserName == "root";
        Folder = Path.Combine(Path.GetTempPath(), "flow-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        if (_asPostgresUser)
        {
            Run("chown", ["postgres", Folder], asPostgres: false);
        }
    }

    /// <summary>The temp folder (data directory, socket, log).</summary>
    public string Folder { get; }

    /// <summary>The loopback port the server listens on (kept across <see cref="Stop"/> and <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Folder, "data");

    private string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>Creates and starts a server; throws with what to install when the binaries are missing.</summary>
    public static PostgreSqlServer StartNew()
    {
        var server = new PostgreSqlServer(FindBinaries());
        try
        {
            server.Run(Path.Combine(server._bin, "initdb"), ["-D", server.DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort();
                try
                {
                    server.Start();
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // the free port was taken between probing and binding; try another
                }
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> (default: the maintenance database).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        Timeout = 5,
        CommandTimeout = 30,
    }.ToString();

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"flow_test_{Interlocked.Increment(ref s_databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Starts the (stopped) server on <see cref="Port"/>, waiting until it accepts connections.</summary>
    public void Start() =>
        Run(Path.Combine(_bin, "pg_ctl"), ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
            "-o", $"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1 -c max_connections=300"]);

    /// <summary>Stops the server; <paramref name="immediate"/>: like a crash (no checkpoint, clients cut off), recovery at the next start.</summary>
    public void Stop(bool immediate = false) =>
        Run(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"]);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                Stop(immediate: true);
            }
            catch (InvalidOperationException)
            {
                // already stopped; the folder goes anyway
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    /// <summary>
    /// Where initdb and pg_ctl are: $FLOW_PG_BIN, the folder of an initdb on PATH (symbolic
    /// links followed, so pg_ctl finds its postgres), or the newest /usr/lib/postgresql/*/bin.
    /// </summary>
    internal static string FindBinaries() =>
        FindBinaries(Environment.GetEnvironmentVariable("FLOW_PG_BIN"), Environment.GetEnvironmentVariable("PATH") ?? "", "/usr/lib/postgresql");

    internal static string FindBinaries(string? configured, string path, string versionsRoot)
    {
        var candidates = new List<string>();
        if (configured is { Length: > 0 })
        {
            candidates.Add(configured);
        }

        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = new FileInfo(Path.Combine(folder, "initdb"));
            if (initdb.Exists)
            {
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
                candidates.Add(Path.GetDirectoryName(target)!);
            }
        }

        if (Directory.Exists(versionsRoot))
        {
            candidates.AddRange(Directory.GetDirectories(versionsRoot)
                .OrderByDescending(v => int.TryParse(Path.GetFileName(v), out var n) ? n : 0)
                .Select(v => Path.Combine(v, "bin")));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")) && File.Exists(Path.Combine(c, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The PostgreSQL tests start a PostgreSQL server of their own, but no server binaries (initdb, pg_ctl) were found "
                + "(looked in $FLOW_PG_BIN, PATH and /usr/lib/postgresql/*/bin). Install them, e.g. `apt-get install -y postgresql` "
                + "on Debian/Ubuntu (.ci/run does this), or set FLOW_PG_BIN to the folder that holds initdb and pg_ctl.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string file, IReadOnlyList<string> arguments) => Run(file, arguments, _asPostgresUser);

    private void Run(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", file })
            {
                info.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 120 s");
        }

        if (process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {output.Result}{error.Result}\n{log}");
        }
    }
}
