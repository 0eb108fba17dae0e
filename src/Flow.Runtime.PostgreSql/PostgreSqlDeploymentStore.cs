using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Flow.Instances;
using Npgsql;
using NpgsqlTypes;
using static Flow.Instances.PostgreSqlInstanceStore;

namespace Flow.Deployment.Storage;

/// <summary>
/// Deployments in a PostgreSQL database shared by the nodes of a cluster: each version's manifest
/// text and its files, content-addressed by SHA-256 in flow_blobs (bytes stored once however many
/// versions list them), and the action log (flow_deployment_actions). Appending to the log takes
/// a transaction-scoped advisory lock, so sequences commit in the order they are numbered (a node
/// that has applied up to n never misses an n - 1 that commits later), and sends
/// <c>NOTIFY flow_deployments</c> with the sequence in the same transaction, delivered at commit;
/// <see cref="PostgreSqlDeploymentNotifier"/> listens for it.
/// </summary>
public sealed class PostgreSqlDeploymentStore : IDeploymentStore, IDeploymentChangeSignal, IDisposable, IAsyncDisposable
{
    /// <summary>The channel every appended action is announced on (payload: its sequence).</summary>
    public const string Channel = "flow_deployments";

    /// <summary>The advisory lock key that orders appends to the log ("flowdlog" as bytes).</summary>
    internal const long LogLockKey = 0x666C6F77_646C6F67;

    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;
    private readonly Lazy<PostgreSqlDeploymentNotifier> _signal;

    /// <summary>A store on the database of <paramref name="connectionString"/>; the schema is created or upgraded now.</summary>
    /// <exception cref="FlowStoreException">FLOW6100: the database cannot be reached; FLOW6101: its schema is newer than this package.</exception>
    public PostgreSqlDeploymentStore(string connectionString, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _database = new PostgreSqlDatabase(connectionString);
        _signal = new Lazy<PostgreSqlDeploymentNotifier>(StartSignal, LazyThreadSafetyMode.ExecutionAndPublication);
        try
        {
            _database.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            _database.Dispose();
            throw;
        }
    }

    /// <summary>The connection string (with default timeouts), for a <see cref="PostgreSqlDeploymentNotifier"/> on the same database.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>A notifier that listens on this store's database (start it; dispose it when done).</summary>
    public PostgreSqlDeploymentNotifier CreateNotifier(TimeSpan? pollInterval = null) => new(ConnectionString, pollInterval);

    /// <summary>
    /// Completes when another node may have appended to the log: the store's own notifier
    /// (LISTEN on <see cref="Channel"/>, started on the first call, stopped with the store) wakes
    /// a <see cref="Flow.Hosting.DeploymentLogFollower"/> at once instead of at its next poll.
    /// </summary>
    public Task WaitForChangeAsync(CancellationToken cancellationToken) => _signal.Value.WaitForChangeAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var hashes = deployment.Files.ToDictionary(f => f.Key, f => Convert.ToHexString(SHA256.HashData(f.Value)).ToLowerInvariant(), StringComparer.Ordinal);
        return new(_database.RunAsync("save deployment", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await LockLogAsync(connection, cancellationToken).ConfigureAwait(false);
            var stored = await StoredHashesAsync(connection, deployment.Name, deployment.Version, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                await InsertContentAsync(connection, deployment, hashes, cancellationToken).ConfigureAwait(false);
            }
            else if (stored.Value.Manifest != deployment.ManifestJson || !SameFiles(stored.Value.Files, hashes))
            {
                throw new FlowDeploymentException(
                    "FLOW6102",
                    $"Deployment '{deployment.Name}' version {deployment.Version} is already stored in database '{_database.Name}' with other content; a changed deployment needs a new version. Nothing was saved.");
            }

            var action = await AppendLockedAsync(connection, DeploymentActionKind.Deployed, deployment.Name, deployment.Version, node, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return action;
        }, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(_database.RunAsync("append deployment action", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await LockLogAsync(connection, cancellationToken).ConfigureAwait(false);
            var action = await AppendLockedAsync(connection, kind, name, version, node, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return action;
        }, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default) =>
        new(_database.RunAsync("read deployment log", async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT sequence, kind, name, version, at, node FROM flow_deployment_actions WHERE sequence > $1 ORDER BY sequence;", connection)
            {
                Parameters = { new NpgsqlParameter<long> { TypedValue = afterSequence } },
            };
            var actions = new List<DeploymentAction>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                actions.Add(new DeploymentAction(
                    reader.GetInt64(0),
                    Enum.Parse<DeploymentActionKind>(reader.GetString(1)),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return (IReadOnlyList<DeploymentAction>)actions;
        }, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(_database.RunAsync("load deployment", async connection =>
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Command("SELECT manifest_json FROM flow_deployments WHERE name = $1 AND version = $2;", Text(name), Int(version)),
                    Command(
                        """
                        SELECT f.path, f.sha256, b.content FROM flow_deployment_files AS f JOIN flow_blobs AS b ON b.sha256 = f.sha256
                        WHERE f.name = $1 AND f.version = $2 ORDER BY f.path;
                        """,
                        Text(name),
                        Int(version)),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var manifest = reader.GetString(0);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var content = reader.GetFieldValue<byte[]>(2);

                // the bytes are verified against the manifest again before loading; this catches a damaged blob row early
                if (!Convert.ToHexString(SHA256.HashData(content)).Equals(reader.GetString(1), StringComparison.OrdinalIgnoreCase))
                {
                    throw new FlowDeploymentException("FLOW6003", $"Deployment '{name}' version {version}: the stored bytes of '{reader.GetString(0)}' in database '{_database.Name}' do not match their SHA-256; nothing of it was loaded.");
                }

                files[reader.GetString(0)] = content;
            }

            return (StoredDeployment?)new StoredDeployment(name, version, manifest, files);
        }, cancellationToken));
    }

    /// <summary>Closes the store's pooled connections.</summary>
    public void Dispose()
    {
        if (_signal.IsValueCreated)
        {
            _signal.Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _database.Dispose();
    }

    /// <summary>Closes the store's pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_signal.IsValueCreated)
        {
            await _signal.Value.DisposeAsync().ConfigureAwait(false);
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private PostgreSqlDeploymentNotifier StartSignal()
    {
        var notifier = CreateNotifier();
        notifier.StartAsync().GetAwaiter().GetResult();
        return notifier;
    }

    private static async Task LockLogAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LogLockKey});", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(string Manifest, Dictionary<string, string> Files)?> StoredHashesAsync(NpgsqlConnection connection, string name, int version, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("SELECT manifest_json FROM flow_deployments WHERE name = $1 AND version = $2;", Text(name), Int(version)),
                Command("SELECT path, sha256 FROM flow_deployment_files WHERE name = $1 AND version = $2;", Text(name), Int(version)),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var manifest = reader.GetString(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            files[reader.GetString(0)] = reader.GetString(1);
        }

        return (manifest, files);
    }

    private static bool SameFiles(Dictionary<string, string> stored, Dictionary<string, string> given) =>
        stored.Count == given.Count && given.All(f => stored.TryGetValue(f.Key, out var hash) && hash == f.Value);

    private async Task InsertContentAsync(NpgsqlConnection connection, StoredDeployment deployment, Dictionary<string, string> hashes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (path, content) in deployment.Files)
        {
            // a blob another version already stored is kept as it is (same hash, same bytes)
            batch.BatchCommands.Add(Command(
                "INSERT INTO flow_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING;",
                Text(hashes[path]),
                new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = content }));
        }

        batch.BatchCommands.Add(Command(
            "INSERT INTO flow_deployments (name, version, manifest_json, saved_at) VALUES ($1, $2, $3, $4);",
            Text(deployment.Name),
            Int(deployment.Version),
            Text(deployment.ManifestJson),
            Time(Microseconds(_time.GetUtcNow()))));
        foreach (var path in deployment.Files.Keys)
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO flow_deployment_files (name, version, path, sha256) VALUES ($1, $2, $3, $4);",
                Text(deployment.Name),
                Int(deployment.Version),
                Text(path),
                Text(hashes[path])));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends under the log lock: the next sequence, the row, and the notification (sent at commit).</summary>
    private async Task<DeploymentAction> AppendLockedAsync(NpgsqlConnection connection, DeploymentActionKind kind, string name, int version, string? node, CancellationToken cancellationToken)
    {
        var at = Microseconds(_time.GetUtcNow());
        await using var command = new NpgsqlCommand(
            $"""
            WITH appended AS (
                INSERT INTO flow_deployment_actions (sequence, kind, name, version, at, node)
                SELECT COALESCE(MAX(sequence), 0) + 1, $1, $2, $3, $4, $5 FROM flow_deployment_actions
                RETURNING sequence)
            SELECT sequence, pg_notify('{Channel}', sequence::text) FROM appended;
            """,
            connection)
        {
            Parameters =
            {
                Text(kind.ToString()), Text(name), Int(version), Time(at),
                new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = node },
            },
        };
        var sequence = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new DeploymentAction(sequence, kind, name, version, at, node);
    }

    private static NpgsqlParameter Int(int value) => new NpgsqlParameter<int> { TypedValue = value };
}
