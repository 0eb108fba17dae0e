using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// Instances in a SQLite file (WAL mode, full sync): they outlive the process. The revision check
/// of a save is part of its one SQL statement, so a stale save changes nothing, also between
/// processes sharing the file. Each call opens a connection from Microsoft.Data.Sqlite's pool;
/// <see cref="Dispose"/> closes the pooled ones. The schema is created or upgraded on construction.
/// Ended instances are kept under an <see cref="InstanceRetention"/> (by default the latest
/// 10,000), applied in SQL in the transaction of each save and before each query.
/// </summary>
public sealed partial class SqliteInstanceStore : IInstanceStore, IDisposable
{
    /// <summary>How long a call waits for another writer's lock before it fails (ms).</summary>
    internal const int BusyTimeoutMilliseconds = 30_000;

    // The instance's jobs and subscriptions come with it as JSON arrays (index seeks; '[]' when none).
    private const string Columns = """
        id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at,
        (SELECT json_group_array(json_array(j.id, j.kind, j.node_id, j.payload, j.due_at, j.attempts, j.last_error) ORDER BY j.due_at, j.id)
           FROM flow_jobs AS j WHERE j.instance_id = flow_instances.id),
        (SELECT json_group_array(json_array(s.kind, s.name, s.correlation_key, s.node_id) ORDER BY s.rowid)
           FROM flow_subscriptions AS s WHERE s.instance_id = flow_instances.id),
        tenant_id
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SqliteRetention _retention;
    private readonly SqliteGroupCommit _writer;
    private readonly SqliteReaders _readers;

    /// <summary>A store in the file at <paramref name="path"/> with the default retention, created (with its folder's existing parent) when missing.</summary>
    /// <exception cref="InvalidOperationException">The file is not a SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteInstanceStore(string path, TimeProvider? time = null)
        : this(path, InstanceRetention.Default, time)
    {
    }

    /// <summary>A store in the file at <paramref name="path"/> that keeps ended instances as <paramref name="retention"/> says (clock: <paramref name="time"/>).</summary>
    /// <exception cref="InvalidOperationException">The file is not a SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteInstanceStore(string path, InstanceRetention retention, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(retention);
        Path = System.IO.Path.GetFullPath(path);
        _time = time ?? TimeProvider.System;
        _retention = new SqliteRetention(retention);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        };
        SqliteSchema.EnsureCurrent(connection.ToString(), Path);

        // Only the schema check may create the file: a file deleted later is an error, never a new empty database.
        connection.Mode = SqliteOpenMode.ReadWrite;
        _connectionString = connection.ToString();
        _readers = new SqliteReaders(_connectionString, $"SELECT {Columns} FROM flow_instances WHERE id = $id;");
        _writer = new SqliteGroupCommit(Open, EnsureFilePresent, (c, t, now) => _retention.Apply(c, t, now), e => SqliteStoreErrors.Translate(e, Path), _time);
    }

    /// <summary>The database file (full path).</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureFilePresent();
        try
        {
            // Synchronous: Microsoft.Data.Sqlite's async calls run synchronously anyway.
            return new(_readers.Load(id, Read));
        }
        catch (SqliteException e)
        {
            throw SqliteStoreErrors.Translate(e, Path);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Saves of all callers queue to one writer that commits what is queued in one transaction
    /// (group commit); the task ends once the commit holding this save is on disk. The instance
    /// row, its jobs and its subscriptions are written together, and the retention runs in the
    /// same transaction.
    /// </remarks>
    public async ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRevision);
        EnsureFilePresent();
        return await _writer.SaveAsync(instance, expectedRevision, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return UseAsync(query, QueryAsync, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(SqliteConnection connection, InstanceQuery query, CancellationToken cancellationToken)
    {
        await PurgeIfDueAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM flow_instances WHERE 1 = 1");
        AppendFilters(sql, command, query);
        if (query.AfterId is { } after)
        {
            // The primary key's BINARY order: UTF-8 bytes, which is also the ORDER BY's.
            sql.Append(" AND id > $after_id");
            command.Parameters.AddWithValue("$after_id", after);
        }

        sql.Append(" ORDER BY id");
        if (query.Limit is not null || query.Offset is not null)
        {
            sql.Append(" LIMIT $limit OFFSET $offset");
            command.Parameters.AddWithValue("$limit", (long?)query.Limit ?? -1);   // -1: no limit
            command.Parameters.AddWithValue("$offset", query.Offset ?? 0);
        }

        command.CommandText = sql.Append(';').ToString();

        var result = new List<StoredInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    /// <summary>The query's filters as AND clauses with their parameters (shared by the query and the count).</summary>
    private static void AppendFilters(StringBuilder sql, SqliteCommand command, InstanceQuery query)
    {
        void Filter(string column, object? value)
        {
            if (value is not null)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND {column} = ${column}");
                command.Parameters.AddWithValue("$" + column, value);
            }
        }

        Filter("process_key", query.ProcessKey);
        Filter("deployment_name", query.DeploymentName);
        Filter("deployment_version", query.DeploymentVersion);
        Filter("status", query.Status?.ToString());
        Filter("tenant_id", query.TenantId);
        if (query.Subscribed is { } subscribed)
        {
            // A message subscription without a key matches any key; a filter without a key, any subscription of the name.
            sql.Append(" AND id IN (SELECT instance_id FROM flow_subscriptions WHERE kind = $sub_kind AND name = $sub_name AND ($sub_key IS NULL OR correlation_key IS NULL OR correlation_key = $sub_key))");
            command.Parameters.AddWithValue("$sub_kind", subscribed.Kind.ToString());
            command.Parameters.AddWithValue("$sub_name", subscribed.Name);
            command.Parameters.AddWithValue("$sub_key", (object?)subscribed.CorrelationKey ?? DBNull.Value);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The instance's jobs and subscriptions go with it (a trigger, so also for retention and raw deletes).</remarks>
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return UseAsync(id, DeleteAsync, cancellationToken);
    }

    private static async ValueTask<bool> DeleteAsync(SqliteConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM flow_instances WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Deletes the ended instances the retention no longer keeps (time passes between saves, and
    /// another process may use a looser retention); returns how many. Queries call it first.
    /// </summary>
    public ValueTask<int> ApplyRetentionAsync(CancellationToken cancellationToken = default) =>
        UseAsync(0, (connection, _, ct) => PurgeIfDueAsync(connection, ct), cancellationToken);

    /// <summary>Writes the saves already queued, stops the writer and closes this file's pooled connections (the file can then be moved or deleted).</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _readers.Dispose();
        ClearPool();
    }

    /// <summary>Per-connection settings: wait for a busy writer instead of failing; full sync, so an acknowledged save survives a power cut.</summary>
    internal static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)}; PRAGMA synchronous = FULL;";
        command.ExecuteNonQuery();
    }

    /// <summary>UTC, fixed width, so text order is time order; written and read with the same format.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static StoredInstance Read(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetInt32(3),
            reader.GetString(4),
            Enum.Parse<InstanceStatus>(reader.GetString(5)),
            reader.GetString(6),
            reader.GetInt64(7))
        {
            Ended = reader.GetInt64(8) != 0,
            EndedAt = reader.IsDBNull(9) ? null : ParseTime(reader.GetString(9)),
            Jobs = SqliteJson.Jobs(reader.GetString(10), reader.GetString(0)),
            Subscriptions = SqliteJson.Subscriptions(reader.GetString(11)),
            TenantId = reader.IsDBNull(12) ? null : reader.GetString(12),
        };

    /// <summary>Checks under a read first, so a query takes the write lock only when there is something to delete.</summary>
    private async ValueTask<int> PurgeIfDueAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!await _retention.IsDueAsync(connection, now, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        var purged = await _retention.ApplyAsync(connection, transaction, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection; SQLite's errors become <see cref="FlowStorageException"/>s
    /// naming the file. A missing file fails at once (see <see cref="EnsureFilePresent"/>).
    /// </summary>
    private async ValueTask<TResult> UseAsync<TArgument, TResult>(TArgument argument, Func<SqliteConnection, TArgument, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken)
    {
        EnsureFilePresent();
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection, argument, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw SqliteStoreErrors.Translate(e, Path);
        }
    }

    /// <summary>
    /// A file deleted or moved away after start is an error, not a new database. Pooled
    /// connections still hold the old file open (on Unix they would read and write a deleted
    /// file), so they are dropped: when the file is back, the next call opens it afresh.
    /// </summary>
    private void EnsureFilePresent()
    {
        if (!File.Exists(Path))
        {
            ClearPool();
            _readers.Clear();
            _writer.Reopen();
            throw SqliteStoreErrors.Missing(Path);
        }
    }

    private void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A configured connection for the writer thread.</summary>
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Configure(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Configure(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
