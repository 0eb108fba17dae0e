using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Instances;
using Microsoft.Data.Sqlite;

namespace Flow.Deployment.Storage;

/// <summary>
/// Deployments in a SQLite file, shared by every process that opens the file: each version's
/// manifest text and file list, the file bytes once per SHA-256 (content-addressed), and the log
/// every node applies in order. A save is one <c>BEGIN IMMEDIATE</c> transaction (content and log
/// entry together). The schema is created or upgraded with the instance tables (migration 4).
/// The store never trusts its own bytes: nodes verify them against the manifest before loading.
/// </summary>
public sealed class SqliteDeploymentStore : IDeploymentStore, IDisposable
{
    /// <summary>
    /// Schema migration 4: deployments, their files, content-addressed blobs and the log.
    /// Referenced from <c>SqliteSchema.Migrations</c> (append only).
    /// </summary>
    internal const string Migration = """
        CREATE TABLE IF NOT EXISTS flow_deployment_blobs (
            sha256 TEXT    NOT NULL PRIMARY KEY,
            size   INTEGER NOT NULL,
            bytes  BLOB    NOT NULL
        );
        CREATE TABLE IF NOT EXISTS flow_deployments (
            name          TEXT    NOT NULL,
            version       INTEGER NOT NULL,
            manifest_json TEXT    NOT NULL,
            content_hash  TEXT    NOT NULL,
            created_at    TEXT    NOT NULL,
            PRIMARY KEY (name, version)
        );
        CREATE TABLE IF NOT EXISTS flow_deployment_files (
            name    TEXT    NOT NULL,
            version INTEGER NOT NULL,
            path    TEXT    NOT NULL,
            sha256  TEXT    NOT NULL REFERENCES flow_deployment_blobs (sha256),
            PRIMARY KEY (name, version, path),
            FOREIGN KEY (name, version) REFERENCES flow_deployments (name, version)
        );
        CREATE TABLE IF NOT EXISTS flow_deployment_log (
            sequence INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            kind     TEXT    NOT NULL,
            name     TEXT    NOT NULL,
            version  INTEGER NOT NULL,
            at       TEXT    NOT NULL,
            node     TEXT    NULL
        );
        CREATE INDEX IF NOT EXISTS ix_flow_deployment_log_name ON flow_deployment_log (name, sequence);
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>A store in the file at <paramref name="path"/> (created, with the schema, when missing; shared with <see cref="SqliteInstanceStore"/>).</summary>
    /// <exception cref="InvalidOperationException">The file is not a SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteDeploymentStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = SqliteInstanceStore.BusyTimeoutMilliseconds / 1000,
        }.ToString();
        SqliteSchema.EnsureCurrent(_connectionString, Path);
    }

    /// <summary>The database file (full path).</summary>
    public string Path { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// Content identical to a stored (name, version) whose log entry is still the latest of its
    /// name appends nothing and returns that entry (the same content deployed twice is one
    /// deployment); other content under a stored (name, version) is FLOW6143 and nothing is written.
    /// </remarks>
    public async ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var files = deployment.Files.Select(f => (Path: f.Key, Bytes: f.Value, Sha: Sha256(f.Value))).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var contentHash = ContentHash(deployment.ManifestJson, files.Select(f => (f.Path, f.Sha)));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await ScalarAsync(connection, transaction, "SELECT content_hash FROM flow_deployments WHERE name = $name AND version = $version;",
            cancellationToken, ("$name", deployment.Name), ("$version", deployment.Version)).ConfigureAwait(false) as string;
        if (stored is not null)
        {
            if (stored != contentHash)
            {
                throw FlowDeploymentException.StoredVersionConflict(deployment.Name, deployment.Version);
            }

            var latest = await LatestOfNameAsync(connection, transaction, deployment.Name, cancellationToken).ConfigureAwait(false);
            if (latest is not null && latest.Kind != DeploymentActionKind.Undeployed && latest.Version == deployment.Version)
            {
                return latest;   // nothing written: disposing rolls the empty transaction back
            }
        }
        else
        {
            var now = SqliteInstanceStore.FormatTime(_time.GetUtcNow());
            await ExecuteAsync(connection, transaction,
                "INSERT INTO flow_deployments (name, version, manifest_json, content_hash, created_at) VALUES ($name, $version, $manifest, $hash, $now);",
                cancellationToken, ("$name", deployment.Name), ("$version", deployment.Version), ("$manifest", deployment.ManifestJson), ("$hash", contentHash), ("$now", now)).ConfigureAwait(false);
            foreach (var file in files)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO flow_deployment_blobs (sha256, size, bytes) VALUES ($sha, $size, $bytes) ON CONFLICT (sha256) DO NOTHING;",
                    cancellationToken, ("$sha", file.Sha), ("$size", file.Bytes.LongLength), ("$bytes", file.Bytes)).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO flow_deployment_files (name, version, path, sha256) VALUES ($name, $version, $path, $sha);",
                    cancellationToken, ("$name", deployment.Name), ("$version", deployment.Version), ("$path", file.Path), ("$sha", file.Sha)).ConfigureAwait(false);
            }
        }

        var action = await AppendAsync(connection, transaction, DeploymentActionKind.Deployed, deployment.Name, deployment.Version, node, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return action;
    }

    /// <inheritdoc/>
    public async ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var action = await AppendAsync(connection, transaction, kind, name, version, node, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return action;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, kind, name, version, at, node FROM flow_deployment_log WHERE sequence > $after ORDER BY sequence;";
        command.Parameters.AddWithValue("$after", afterSequence);
        var actions = new List<DeploymentAction>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            actions.Add(ReadAction(reader));
        }

        return actions;
    }

    /// <inheritdoc/>
    public async ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction: the manifest and its files are one snapshot, whatever writers do meanwhile.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var manifest = await ScalarAsync(connection, transaction, "SELECT manifest_json FROM flow_deployments WHERE name = $name AND version = $version;",
            cancellationToken, ("$name", name), ("$version", version)).ConfigureAwait(false) as string;
        if (manifest is null)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT f.path, b.bytes FROM flow_deployment_files AS f
            LEFT JOIN flow_deployment_blobs AS b ON b.sha256 = f.sha256
            WHERE f.name = $name AND f.version = $version;
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!reader.IsDBNull(1))
            {
                files[reader.GetString(0)] = (byte[])reader.GetValue(1);   // a missing blob is a missing file: the node refuses it (FLOW6003)
            }
        }

        return new StoredDeployment(name, version, manifest, files);
    }

    /// <summary>Closes this file's pooled connections.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async ValueTask<DeploymentAction> AppendAsync(SqliteConnection connection, SqliteTransaction transaction, DeploymentActionKind kind, string name, int version, string? node, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO flow_deployment_log (kind, name, version, at, node) VALUES ($kind, $name, $version, $at, $node) RETURNING sequence;";
        command.Parameters.AddWithValue("$kind", kind.ToString());
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$at", SqliteInstanceStore.FormatTime(at));
        command.Parameters.AddWithValue("$node", (object?)node ?? DBNull.Value);
        var sequence = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return new DeploymentAction(sequence, kind, name, version, SqliteInstanceStore.ParseTime(SqliteInstanceStore.FormatTime(at)), node);
    }

    private static async ValueTask<DeploymentAction?> LatestOfNameAsync(SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT sequence, kind, name, version, at, node FROM flow_deployment_log WHERE name = $name ORDER BY sequence DESC LIMIT 1;";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadAction(reader) : null;
    }

    private static DeploymentAction ReadAction(SqliteDataReader reader) =>
        new(
            reader.GetInt64(0),
            Enum.Parse<DeploymentActionKind>(reader.GetString(1)),
            reader.GetString(2),
            reader.GetInt32(3),
            SqliteInstanceStore.ParseTime(reader.GetString(4)),
            reader.IsDBNull(5) ? null : reader.GetString(5));

    private static async ValueTask<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>One hash for a version's whole content: its manifest text and each file's path and SHA-256, in path order.</summary>
    private static string ContentHash(string manifest, IEnumerable<(string Path, string Sha)> files)
    {
        var text = new StringBuilder(manifest).Append('\n');
        foreach (var (path, sha) in files)
        {
            text.Append(path).Append('\0').Append(sha).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            SqliteInstanceStore.Configure(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
