using System;
using System.Collections.Generic;
using System.Globalization;
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
public sealed class SqliteInstanceStore : IInstanceStore, IDisposable
{
    /// <summary>How long a call waits for another writer's lock before it fails (ms).</summary>
    internal const int BusyTimeoutMilliseconds = 30_000;

    private const string Columns =
        "id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SqliteRetention _retention;

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
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        SqliteSchema.EnsureCurrent(_connectionString, Path);
    }

    /// <summary>The database file (full path).</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public async ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM flow_instances WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRevision);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE: the save and its retention run under the write lock in one commit, so
        // the revision compared is the one committed last, whoever wrote it.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // ended_seq: an instance that ends joins the end of the line of ended instances; one that
        // was ended keeps its place; one that runs again leaves the line.
        command.CommandText = expectedRevision == 0
            ? """
              INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at, ended_seq, created_at, updated_at)
              VALUES ($id, $process_key, $deployment_name, $deployment_version, $definition_hash, $status, $state_json, 1, $ended,
                      CASE WHEN $ended <> 0 THEN COALESCE($ended_at, $now) END,
                      CASE WHEN $ended <> 0 THEN (SELECT COALESCE(MAX(ended_seq), 0) + 1 FROM flow_instances WHERE ended_seq IS NOT NULL) END,
                      $now, $now)
              ON CONFLICT (id) DO NOTHING;
              """
            : """
              UPDATE flow_instances SET
                  process_key = $process_key, deployment_name = $deployment_name, deployment_version = $deployment_version,
                  definition_hash = $definition_hash, status = $status, state_json = $state_json, revision = revision + 1,
                  ended = $ended, ended_at = CASE WHEN $ended <> 0 THEN COALESCE($ended_at, ended_at, $now) END,
                  ended_seq = CASE WHEN $ended = 0 THEN NULL
                                   ELSE COALESCE(ended_seq, (SELECT COALESCE(MAX(s.ended_seq), 0) + 1 FROM flow_instances AS s WHERE s.ended_seq IS NOT NULL)) END,
                  updated_at = $now
              WHERE id = $id AND revision = $expected_revision;
              """;
        var p = command.Parameters;
        p.AddWithValue("$id", instance.Id);
        p.AddWithValue("$process_key", instance.ProcessKey);
        p.AddWithValue("$deployment_name", instance.DeploymentName);
        p.AddWithValue("$deployment_version", instance.DeploymentVersion);
        p.AddWithValue("$definition_hash", instance.DefinitionHash);
        p.AddWithValue("$status", instance.Status.ToString());
        p.AddWithValue("$state_json", instance.StateJson);
        p.AddWithValue("$ended", instance.Ended ? 1 : 0);
        p.AddWithValue("$ended_at", instance.EndedAt is { } endedAt ? FormatTime(endedAt) : DBNull.Value);
        var now = _time.GetUtcNow();
        p.AddWithValue("$now", FormatTime(now));
        p.AddWithValue("$expected_revision", expectedRevision);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false; // nothing written; disposing rolls the empty transaction back
        }

        await _retention.ApplyAsync(connection, transaction, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await PurgeIfDueAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM flow_instances WHERE 1 = 1");
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
        command.CommandText = sql.Append(" ORDER BY id;").ToString();

        var result = new List<StoredInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM flow_instances WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Deletes the ended instances the retention no longer keeps (time passes between saves, and
    /// another process may use a looser retention); returns how many. Queries call it first.
    /// </summary>
    public async ValueTask<int> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PurgeIfDueAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes this file's pooled connections (the file can then be moved or deleted).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
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
