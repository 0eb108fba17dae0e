using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace Flow.Instances;

/// <summary>
/// Instances, their jobs and their subscriptions in a PostgreSQL database that many nodes share.
/// A save is one statement: the revision check is in its WHERE, and the instance's jobs and
/// subscriptions are replaced in the same statement, so a stale save changes nothing (new
/// instances and updates that write neither share one multi-row statement each per group, each
/// row with its own check). Saves
/// made at once share one transaction and round trip (group commit; each is acknowledged after
/// that commit), and so do loads. Ended instances are kept under an
/// <see cref="InstanceRetention"/>, applied in SQL with each save and before each query. The
/// schema is created or upgraded when the store is created (safe when nodes start at once).
/// A database that cannot be reached fails a call with <see cref="FlowStoreException"/> FLOW6100
/// within the connect timeout (default 5 s) instead of hanging; the store works again when it is back.
/// </summary>
public sealed partial class PostgreSqlInstanceStore : IInstanceStore, IJobStore, IDisposable, IAsyncDisposable
{
    private const string Columns =
        "id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at, tenant_id";

    private const string JobColumns = "id, kind, due_at, instance_id, node_id, payload, attempts, last_error";

    private const string SubscriptionColumns = "instance_id, kind, name, correlation_key, node_id";

    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;
    private readonly InstanceRetention _retention;
    private readonly PostgreSqlBatcher<(StoredInstance Instance, long ExpectedRevision), bool> _saves;
    private readonly PostgreSqlBatcher<string, StoredInstance?> _loads;
    private long _endedSaves;
    private int _disposed;

    /// <summary>A store on the database of <paramref name="connectionString"/> with the default retention.</summary>
    /// <exception cref="FlowStoreException">FLOW6100: the database cannot be reached; FLOW6101: its schema is newer than this package.</exception>
    public PostgreSqlInstanceStore(string connectionString, TimeProvider? time = null)
        : this(connectionString, InstanceRetention.Default, time)
    {
    }

    /// <summary>A store that keeps ended instances as <paramref name="retention"/> says (clock: <paramref name="time"/>).</summary>
    /// <exception cref="FlowStoreException">FLOW6100: the database cannot be reached; FLOW6101: its schema is newer than this package.</exception>
    public PostgreSqlInstanceStore(string connectionString, InstanceRetention retention, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(retention);
        _retention = retention;
        _time = time ?? TimeProvider.System;
        _database = new PostgreSqlDatabase(connectionString);
        try
        {
            _database.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            _database.Dispose();
            throw;
        }

        // the same order in every batch of saves: two batches that touch the same instances lock them in one order
        _saves = new(WriteTogetherAsync, static (a, b) => string.CompareOrdinal(a.Request.Instance.Id, b.Request.Instance.Id), GroupCommitWriters);
        _loads = new(LoadTogetherAsync, order: null, GroupCommitWriters);
    }

    /// <summary>The database's name.</summary>
    public string Database => _database.Name;

    /// <inheritdoc/>
    /// <remarks>Concurrent loads share round trips: one batch reads the instances, their jobs and their subscriptions by id.</remarks>
    public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new(_loads.RunAsync(id, cancellationToken));
    }

    /// <summary>The loads of one batch: the instances, their jobs, their subscriptions, in one round trip.</summary>
    private Task<StoredInstance?[]> LoadTogetherAsync(IReadOnlyList<PostgreSqlBatcher<string, StoredInstance?>.Pending> loads) =>
        _database.RunAsync("load", async connection =>
        {
            var ids = new string[loads.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = loads[i].Request;
            }

            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Command($"SELECT {Columns} FROM flow_instances WHERE id = ANY($1);", TextArray(ids)),
                    Command($"SELECT {JobColumns} FROM flow_jobs WHERE instance_id = ANY($1) ORDER BY due_at, id;", TextArray(ids)),
                    Command($"SELECT {SubscriptionColumns} FROM flow_subscriptions WHERE instance_id = ANY($1) ORDER BY instance_id, ordinal;", TextArray(ids)),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            var found = new Dictionary<string, StoredInstance>(ids.Length, StringComparer.Ordinal);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var instance = ReadInstance(reader);
                found[instance.Id] = instance;
            }

            var (jobs, subscriptions) = await ReadChildrenAsync(reader, CancellationToken.None).ConfigureAwait(false);
            var results = new StoredInstance?[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                if (found.TryGetValue(ids[i], out var instance))
                {
                    results[i] = jobs.Count == 0 && subscriptions.Count == 0
                        ? instance
                        : instance with { Jobs = jobs.GetValueOrDefault(ids[i]) ?? [], Subscriptions = subscriptions.GetValueOrDefault(ids[i]) ?? [] };
                }
            }

            return results;
        }, CancellationToken.None);

    /// <inheritdoc/>
    /// <remarks>
    /// Concurrent saves share transactions (group commit, <see cref="PostgreSqlBatcher{TRequest, TResult}"/>): each is
    /// acknowledged once the transaction that holds it has committed. A save a writer has
    /// taken up is written even if <paramref name="cancellationToken"/> fires afterwards.
    /// </remarks>
    public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRevision);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new(_saves.RunAsync((instance, expectedRevision), cancellationToken));
    }

    /// <summary>
    /// The saves of one group commit as one batch: one implicit transaction, one round trip.
    /// The inserts that write no jobs or subscriptions are one multi-row statement, the updates
    /// that write none another (each row with its own revision check); every other save is its
    /// own statement; then the retention once. A second save of an instance already in a
    /// multi-row statement gets its own statement after them, so it sees the first one's write
    /// (and is refused if both expected one revision).
    /// </summary>
    private Task<bool[]> WriteTogetherAsync(IReadOnlyList<PostgreSqlBatcher<(StoredInstance Instance, long ExpectedRevision), bool>.Pending> saves)
    {
        var now = Microseconds(_time.GetUtcNow());
        return _database.RunAsync("save", async connection =>
        {
            var inserts = new List<StoredInstance>();
            var updates = new List<(StoredInstance Instance, long ExpectedRevision)>();
            var togetherIds = new HashSet<string>(saves.Count, StringComparer.Ordinal);
            List<int>? alone = null;
            var ended = 0;
            for (var i = 0; i < saves.Count; i++)
            {
                var (instance, expectedRevision) = saves[i].Request;
                ended += instance.Ended ? 1 : 0;
                if (IsPlainInsert(instance, expectedRevision) && togetherIds.Add(instance.Id))
                {
                    inserts.Add(instance);
                }
                else if (IsPlainUpdate(instance, expectedRevision) && togetherIds.Add(instance.Id))
                {
                    updates.Add((instance, expectedRevision));
                }
                else
                {
                    (alone ??= new List<int>()).Add(i);
                }
            }

            await using var batch = new NpgsqlBatch(connection);
            if (inserts.Count > 0)
            {
                batch.BatchCommands.Add(MultiRowInsertCommand(inserts, now));
            }

            if (updates.Count > 0)
            {
                batch.BatchCommands.Add(MultiRowUpdateCommand(updates, now));
            }

            foreach (var i in alone ?? [])
            {
                batch.BatchCommands.Add(SaveCommand(saves[i].Request.Instance, saves[i].Request.ExpectedRevision, now));
            }

            AddRetention(batch, now, ended);
            var results = new bool[saves.Count];
            await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            if (inserts.Count + updates.Count > 0)
            {
                // the ids the multi-row statements wrote (an id is in one of them at most)
                var written = new HashSet<string>(inserts.Count + updates.Count, StringComparer.Ordinal);
                for (var statement = (inserts.Count > 0 ? 1 : 0) + (updates.Count > 0 ? 1 : 0); statement > 0; statement--)
                {
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        written.Add(reader.GetString(0));
                    }

                    await reader.NextResultAsync().ConfigureAwait(false);
                }

                for (var i = 0; i < saves.Count; i++)
                {
                    results[i] = written.Contains(saves[i].Request.Instance.Id);
                }
            }

            foreach (var i in alone ?? [])
            {
                await reader.ReadAsync().ConfigureAwait(false);
                results[i] = reader.GetInt64(0) == 1;
                await reader.NextResultAsync().ConfigureAwait(false);
            }

            while (await reader.NextResultAsync().ConfigureAwait(false))
            {
                // drain: the retention statements run (and the transaction commits) as the batch completes
            }

            return results;
        }, CancellationToken.None);
    }

    /// <summary>One save's statement; an insert without jobs or subscriptions leaves out their parts (a new instance has none to replace).</summary>
    private static NpgsqlBatchCommand SaveCommand(StoredInstance instance, long expectedRevision, DateTimeOffset now)
    {
        var jobs = instance.Jobs;
        var subscriptions = instance.Subscriptions;
        var plainInsert = expectedRevision == 0 && jobs.Count == 0 && subscriptions.Count == 0;
        var save = Command(plainInsert ? PlainInsertSql : (expectedRevision == 0 ? FullInsertSql : UpdateSql + SaveChildrenSql));
        var p = save.Parameters;
        p.Add(Text(instance.Id));
        p.Add(Text(instance.ProcessKey));
        p.Add(Text(instance.DeploymentName));
        p.Add(new NpgsqlParameter<int> { TypedValue = instance.DeploymentVersion });
        p.Add(Text(instance.DefinitionHash));
        p.Add(Text(instance.Status.ToString()));
        p.Add(Text(instance.StateJson));
        p.Add(new NpgsqlParameter<bool> { TypedValue = instance.Ended });
        p.Add(Time(instance.EndedAt is { } endedAt ? Microseconds(endedAt) : null));
        p.Add(Time(now));
        p.Add(new NpgsqlParameter<long> { TypedValue = expectedRevision });
        if (plainInsert)
        {
            p.Add(Tenant(instance));   // $12
            return save;
        }

        p.Add(TextArray(jobs.Select(j => j.Id)));
        p.Add(TextArray(jobs.Select(j => j.Kind)));
        p.Add(new NpgsqlParameter<DateTime[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, TypedValue = jobs.Select(j => j.DueAt.UtcDateTime).ToArray() });
        p.Add(TextArray(jobs.Select(j => j.NodeId)));
        p.Add(TextArray(jobs.Select(j => j.Payload)));
        p.Add(new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = jobs.Select(j => j.Attempts).ToArray() });
        p.Add(TextArray(jobs.Select(j => j.LastError)));
        p.Add(TextArray(subscriptions.Select(s => s.Kind.ToString())));
        p.Add(TextArray(subscriptions.Select(s => s.Name)));
        p.Add(TextArray(subscriptions.Select(s => s.CorrelationKey)));
        p.Add(TextArray(subscriptions.Select(s => s.NodeId)));
        p.Add(Tenant(instance));   // $23
        return save;
    }

    private static NpgsqlParameter<string?> Tenant(StoredInstance instance) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = instance.TenantId };

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = Microseconds(_time.GetUtcNow());
        return new(_database.RunAsync("query", async connection =>
        {
            var select = new NpgsqlBatchCommand();
            var sql = new StringBuilder($"SELECT {Columns} FROM flow_instances AS i WHERE true");
            AppendFilters(sql, select.Parameters, query);
            if (query.AfterId is { } after)
            {
                // id is text COLLATE "C": UTF-8 byte order, the primary key's and the ORDER BY's
                select.Parameters.Add(Text(after));
                sql.Append(CultureInfo.InvariantCulture, $" AND id > ${select.Parameters.Count}");
            }

            sql.Append(" ORDER BY id");
            if (query.Limit is { } limit)
            {
                select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
                sql.Append(CultureInfo.InvariantCulture, $" LIMIT ${select.Parameters.Count}");
            }

            if (query.Offset is { } offset)
            {
                select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = offset });
                sql.Append(CultureInfo.InvariantCulture, $" OFFSET ${select.Parameters.Count}");
            }

            select.CommandText = sql.Append(';').ToString();

            // retention first, in the same round trip: time passes between saves
            await using var batch = new NpgsqlBatch(connection);
            AddRetention(batch, now);
            batch.BatchCommands.Add(select);
            var result = new List<StoredInstance>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        result.Add(ReadInstance(reader));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }

            if (result.Count == 0)
            {
                return (IReadOnlyList<StoredInstance>)result;
            }

            var ids = result.Select(i => i.Id).ToArray();
            await using var children = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Command($"SELECT {JobColumns} FROM flow_jobs WHERE instance_id = ANY($1) ORDER BY due_at, id;", TextArray(ids)),
                    Command($"SELECT {SubscriptionColumns} FROM flow_subscriptions WHERE instance_id = ANY($1) ORDER BY instance_id, ordinal;", TextArray(ids)),
                },
            };
            await using var childReader = await children.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var (jobs, subscriptions) = await ReadChildrenAsync(childReader, cancellationToken, first: true).ConfigureAwait(false);
            return result.Select(i => i with { Jobs = jobs.GetValueOrDefault(i.Id) ?? [], Subscriptions = subscriptions.GetValueOrDefault(i.Id) ?? [] }).ToList();
        }, cancellationToken));
    }

    /// <summary>The query's filters as AND clauses over flow_instances AS i, their parameters appended (shared by the query and the count).</summary>
    private static void AppendFilters(StringBuilder sql, NpgsqlParameterCollection parameters, InstanceQuery query)
    {
        void Filter(string column, NpgsqlParameter? value)
        {
            if (value is not null)
            {
                parameters.Add(value);
                sql.Append(CultureInfo.InvariantCulture, $" AND {column} = ${parameters.Count}");
            }
        }

        Filter("process_key", query.ProcessKey is null ? null : Text(query.ProcessKey));
        Filter("deployment_name", query.DeploymentName is null ? null : Text(query.DeploymentName));
        Filter("deployment_version", query.DeploymentVersion is { } v ? new NpgsqlParameter<int> { TypedValue = v } : null);
        Filter("status", query.Status is { } s ? Text(s.ToString()) : null);
        Filter("tenant_id", query.TenantId is null ? null : Text(query.TenantId));
        if (query.Subscribed is { } subscribed)
        {
            // a message subscription without a key matches any key; a filter without a key matches every subscription of the name
            parameters.Add(Text(subscribed.Kind.ToString()));
            parameters.Add(Text(subscribed.Name));
            parameters.Add(new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = subscribed.CorrelationKey });
            var n = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture, $"""
                 AND EXISTS (SELECT 1 FROM flow_subscriptions AS s WHERE s.instance_id = i.id AND s.kind = ${n - 2} AND s.name = ${n - 1}
                 AND (${n}::text IS NULL OR s.correlation_key IS NULL OR s.correlation_key = ${n}))
                """);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new(_database.RunAsync("delete", async connection =>
        {
            // jobs and subscriptions go with it (ON DELETE CASCADE)
            await using var command = new NpgsqlCommand("DELETE FROM flow_instances WHERE id = $1;", connection) { Parameters = { Text(id) } };
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken));
    }

    /// <summary>Deletes the ended instances the retention no longer keeps; returns how many. Saves and queries do it too.</summary>
    public ValueTask<int> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        var now = Microseconds(_time.GetUtcNow());
        return new(_database.RunAsync("retention", async connection =>
        {
            await using var batch = new NpgsqlBatch(connection);
            AddRetention(batch, now);
            return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
    }

    /// <summary>Transactions of saves in flight at once: while one commits, the next is already executing.</summary>
    internal const int GroupCommitWriters = 2;

    /// <summary>Writes the queued saves, then closes the store's pooled connections.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Writes the queued saves, then closes the store's pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _saves.DisposeAsync().ConfigureAwait(false);
        await _loads.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }

    // $1 id, $2 process_key, $3 deployment_name, $4 deployment_version, $5 definition_hash, $6 status,
    // $7 state_json, $8 ended, $9 ended_at (engine's, may be null), $10 now, $11 expected revision.
    // ended_seq: an instance that ends joins the end of the line of ended instances; one that was
    // ended keeps its place; one that runs again leaves the line.
    // The tenant is the last parameter: $12 of a plain insert, $23 of the others.
    private static readonly string PlainInsertSql = InsertSql(hasChildren: false, tenant: 12) + """

        SELECT count(*) FROM saved;
        """;

    private static string InsertSql(bool hasChildren, int tenant) => $"""
        WITH saved AS (
            INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision,
                                        ended, ended_at, ended_seq, created_at, updated_at, has_children, tenant_id)
            SELECT $1, $2, $3, $4, $5, $6, $7, 1, $8, CASE WHEN $8 THEN COALESCE($9, $10) END,
                   CASE WHEN $8 THEN nextval('flow_ended_seq') END, $10, $10, {(hasChildren ? "true" : "false")}, ${tenant}
            WHERE $11 = 0
            ON CONFLICT (id) DO NOTHING
            RETURNING id)
        """;

    // has_children: once true it stays (a job scheduled outside a save may be on its way; see MultiRowUpdateSql).
    private const string UpdateSql = """
        WITH saved AS (
            UPDATE flow_instances SET
                process_key = $2, deployment_name = $3, deployment_version = $4, definition_hash = $5, status = $6, state_json = $7,
                revision = revision + 1, ended = $8,
                ended_at = CASE WHEN $8 THEN COALESCE($9, ended_at, $10) END,
                ended_seq = CASE WHEN $8 THEN COALESCE(ended_seq, nextval('flow_ended_seq')) END,
                updated_at = $10,
                has_children = has_children OR cardinality($12) > 0 OR cardinality($19) > 0,
                tenant_id = $23
            WHERE id = $1 AND revision = $11
            RETURNING id)
        """;

    private static readonly string FullInsertSql = InsertSql(hasChildren: true, tenant: 23) + SaveChildrenSql;

    // $12..$18 the jobs' id, kind, due_at, node_id, payload, attempts, last_error;
    // $19..$22 the subscriptions' kind, name, correlation_key, node_id.
    // Replace-set: jobs not listed go, listed ones are added or kept as they are (lease, attempts);
    // subscriptions are replaced whole. Every part joins "saved", so a refused save does nothing.
    private const string SaveChildrenSql = """
        , stale_jobs AS (
            DELETE FROM flow_jobs AS j USING saved WHERE j.instance_id = saved.id AND j.id <> ALL($12))
        , new_jobs AS (
            INSERT INTO flow_jobs (id, kind, due_at, instance_id, node_id, payload, attempts, last_error, runnable)
            SELECT u.id, u.kind, u.due_at, saved.id, u.node_id, u.payload, u.attempts, u.last_error, true
            FROM saved CROSS JOIN unnest($12, $13, $14, $15, $16, $17, $18) AS u(id, kind, due_at, node_id, payload, attempts, last_error)
            ON CONFLICT (id) DO NOTHING)
        , stale_subscriptions AS (
            DELETE FROM flow_subscriptions AS s USING saved WHERE s.instance_id = saved.id)
        , new_subscriptions AS (
            INSERT INTO flow_subscriptions (instance_id, ordinal, kind, name, correlation_key, node_id)
            SELECT saved.id, u.ordinal, u.kind, u.name, u.correlation_key, u.node_id
            FROM saved CROSS JOIN unnest($19, $20, $21, $22) WITH ORDINALITY AS u(kind, name, correlation_key, node_id, ordinal))
        SELECT count(*) FROM saved;
        """;

    /// <summary>
    /// Ended instances beyond the count, oldest-ended first (walks only the excess entries of the
    /// ended_seq index); what queries and <see cref="ApplyRetentionAsync"/> run. Without SKIP
    /// LOCKED on purpose: purges running at once aim at the same oldest rows, so together they
    /// never delete more than the excess (one waits for the other and finds the rows gone).
    /// </summary>
    internal const string CountBoundSql = """
        DELETE FROM flow_instances WHERE id = ANY(ARRAY(
            SELECT id FROM flow_instances WHERE ended_seq IS NOT NULL ORDER BY ended_seq
            LIMIT greatest(0, (SELECT sum(n) FROM flow_ended_count) - $1)));
        """;

    /// <summary>
    /// What a save that ended an instance runs: at most one oldest-ended instance, the one its
    /// own instance pushes out. Each concurrent ending save sees the count with only its own
    /// uncommitted instance in it, so each removing the whole excess would remove too many
    /// together; one each never does. SKIP LOCKED: they take different rows instead of queueing
    /// on the oldest one behind each other's commits. Saves that cross the bound at the same
    /// moment can leave it exceeded by up to their number, until the next query or purge.
    /// </summary>
    internal const string CountBoundAfterSaveSql = """
        DELETE FROM flow_instances WHERE id = ANY(ARRAY(
            SELECT id FROM flow_instances WHERE ended_seq IS NOT NULL ORDER BY ended_seq
            LIMIT least($2, greatest(0, (SELECT sum(n) FROM flow_ended_count) - $1))
            FOR UPDATE SKIP LOCKED));
        """;

    /// <summary>
    /// The count check of a store whose bound is large (<see cref="RetentionStride"/> above 1):
    /// the whole excess, after the advisory lock <see cref="RetentionLockKey"/> that every such
    /// check takes first. Checks run one after the other, each sees what the one before deleted
    /// (a statement's snapshot is taken after the lock), so together they never delete more than
    /// the excess; rows other saves hold are skipped (left for the next check).
    /// </summary>
    internal const string CountBoundStrideSql = """
        DELETE FROM flow_instances WHERE id = ANY(ARRAY(
            SELECT id FROM flow_instances WHERE ended_seq IS NOT NULL ORDER BY ended_seq
            LIMIT greatest(0, (SELECT sum(n) FROM flow_ended_count) - $1)
            FOR UPDATE SKIP LOCKED));
        """;

    /// <summary>The advisory lock of strided count checks (any fixed number; "flowretn" as bytes).</summary>
    internal const long RetentionLockKey = 0x666C6F77_7265746E;

    /// <summary>
    /// Ending saves between two count checks: 1 for a bound under 200 (every ending save pushes
    /// out one instance), else 1 % of the bound, at most 64. Between checks a store can leave the
    /// bound exceeded by up to stride - 1 instances (queries and purges apply it exactly).
    /// </summary>
    internal int RetentionStride => Math.Clamp(_retention.MaxEnded / 100, 1, 64);

    /// <summary>Ended instances that ended before the cutoff; rows another transaction holds are left to it (the set is the same for everyone, so skipping never deletes too many).</summary>
    internal const string AgeBoundSql = """
        DELETE FROM flow_instances WHERE id = ANY(ARRAY(
            SELECT id FROM flow_instances WHERE ended AND ended_at < $1 FOR UPDATE SKIP LOCKED));
        """;

    /// <summary>The full purge of queries and <see cref="ApplyRetentionAsync"/>: the whole excess (count), then the age bound.</summary>
    private void AddRetention(NpgsqlBatch batch, DateTimeOffset now)
    {
        batch.BatchCommands.Add(Command(CountBoundSql, new NpgsqlParameter<long> { TypedValue = _retention.MaxEnded }));
        AddAgeBound(batch, now);
    }

    /// <summary>
    /// Retention after the saves of one transaction, <paramref name="ended"/> of which ended an
    /// instance. With a stride of 1 (a small bound) each ending save pushes out at most one
    /// instance in the same transaction; with a larger one, the count is checked only when the
    /// store's ending saves cross a multiple of the stride, and then the whole excess goes
    /// (checks serialised by an advisory lock, so together they never delete more than it).
    /// </summary>
    private void AddRetention(NpgsqlBatch batch, DateTimeOffset now, int ended)
    {
        if (ended > 0 && RetentionStride == 1)
        {
            batch.BatchCommands.Add(Command(CountBoundAfterSaveSql, new NpgsqlParameter<long> { TypedValue = _retention.MaxEnded }, new NpgsqlParameter<int> { TypedValue = ended }));
        }
        else if (ended > 0)
        {
            var total = Interlocked.Add(ref _endedSaves, ended);
            if (total / RetentionStride != (total - ended) / RetentionStride)
            {
                batch.BatchCommands.Add(Command($"SELECT pg_advisory_xact_lock({RetentionLockKey});"));
                batch.BatchCommands.Add(Command(CountBoundStrideSql, new NpgsqlParameter<long> { TypedValue = _retention.MaxEnded }));
            }
        }

        AddAgeBound(batch, now);
    }

    private void AddAgeBound(NpgsqlBatch batch, DateTimeOffset now)
    {
        if (_retention.KeepEndedFor is { } keep && now - DateTimeOffset.MinValue > keep)
        {
            batch.BatchCommands.Add(Command(AgeBoundSql, Time(now - keep)));
        }
    }

    private static StoredInstance ReadInstance(NpgsqlDataReader reader) =>
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
            Ended = reader.GetBoolean(8),
            EndedAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
            TenantId = reader.IsDBNull(10) ? null : reader.GetString(10),
        };

    internal static ScheduledJob ReadJob(NpgsqlDataReader reader, int offset = 0) =>
        new(reader.GetString(offset), reader.GetString(offset + 1), reader.GetFieldValue<DateTimeOffset>(offset + 2))
        {
            InstanceId = NullableString(reader, offset + 3),
            NodeId = NullableString(reader, offset + 4),
            Payload = NullableString(reader, offset + 5),
            Attempts = reader.GetInt32(offset + 6),
            LastError = NullableString(reader, offset + 7),
        };

    /// <summary>Reads the two result sets after the current one (or from the first): jobs, then subscriptions, by instance.</summary>
    private static async Task<(Dictionary<string, List<ScheduledJob>> Jobs, Dictionary<string, List<EventSubscription>> Subscriptions)> ReadChildrenAsync(
        NpgsqlDataReader reader, CancellationToken cancellationToken, bool first = false)
    {
        var jobs = new Dictionary<string, List<ScheduledJob>>(StringComparer.Ordinal);
        var subscriptions = new Dictionary<string, List<EventSubscription>>(StringComparer.Ordinal);
        if (!first)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var job = ReadJob(reader);
            Add(jobs, job.InstanceId!, job);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Add(subscriptions, reader.GetString(0), new EventSubscription(
                Enum.Parse<SubscriptionKind>(reader.GetString(1)), reader.GetString(2), NullableString(reader, 3), reader.GetString(4)));
        }

        return (jobs, subscriptions);

        static void Add<T>(Dictionary<string, List<T>> by, string key, T item)
        {
            if (!by.TryGetValue(key, out var list))
            {
                by[key] = list = new List<T>();
            }

            list.Add(item);
        }
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>PostgreSQL keeps microseconds; values the store hands back are cut to them, so they compare equal to what a later read returns.</summary>
    internal static DateTimeOffset Microseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    internal static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    internal static NpgsqlParameter Text(string value) => new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    internal static NpgsqlParameter Time(DateTimeOffset? value) =>
        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.UtcDateTime : DBNull.Value };

    internal static NpgsqlParameter TextArray(IEnumerable<string?> values) =>
        new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = values.ToArray() };
}
