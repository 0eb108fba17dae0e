using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Flow.Instances;

/// <summary>
/// One database as the stores use it: a pooled <see cref="NpgsqlDataSource"/> with timeouts that
/// make an unreachable server fail fast, the schema brought up to date once, and connection-level
/// failures turned into <see cref="FlowStoreException"/> FLOW6100 (after which the pool is cleared,
/// so the next call connects afresh and works as soon as the server is back).
/// </summary>
internal sealed class PostgreSqlDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>Seconds to wait for a connection when the connection string says nothing.</summary>
    internal const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>Seconds a command may run when the connection string says nothing.</summary>
    internal const int DefaultCommandTimeoutSeconds = 30;

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ConnectionString = WithDefaults(connectionString);
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        Name = new NpgsqlConnectionStringBuilder(ConnectionString).Database ?? "(default)";
    }

    /// <summary>The connection string with the default timeouts filled in.</summary>
    public string ConnectionString { get; }

    /// <summary>The database name, for messages.</summary>
    public string Name { get; }

    /// <summary>Creates or upgrades the schema (see <see cref="PostgreSqlSchema"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        RunAsync(
            "schema check",
            async connection =>
            {
                await PostgreSqlSchema.EnsureCurrentAsync(connection, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled connection; an unreachable database becomes FLOW6100.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            // pooled connections to a server that went away are broken
            await using (var any = _dataSource.CreateConnection())
            {
                NpgsqlConnection.ClearPool(any);
            }

            throw PostgreSqlErrors.Unavailable(Name, operation, e);
        }
    }

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Statements Npgsql prepares on a connection once they repeat, when the connection string says nothing (the store's few statements all fit).</summary>
    internal const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// Fills in, unless the connection string sets them: a connect and a command timeout; automatic
    /// preparation (each save, load and lease statement is parsed and planned once per connection,
    /// not per call); and no session reset when a connection goes back to the pool (the stores
    /// change no session state, so the reset would only cost the server work on every call).
    /// </summary>
    internal static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ToString();
    }
}
