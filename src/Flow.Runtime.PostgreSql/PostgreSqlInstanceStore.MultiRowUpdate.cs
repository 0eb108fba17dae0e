using System;
using System.Collections.Generic;
using Npgsql;
using NpgsqlTypes;

namespace Flow.Instances;

/// <summary>
/// The updates of one group commit that write no jobs and no subscriptions (most saves: a task
/// completed, an instance ended) as one statement over arrays, instead of one statement each.
/// </summary>
public sealed partial class PostgreSqlInstanceStore
{
    // $1..$10 per save: id, process_key, deployment_name, deployment_version, definition_hash,
    // status, state_json, ended, ended_at, expected revision; $11 now; $12 tenant_id per save. Each row keeps its own
    // revision check (the join's condition): the ids returned are the saves that were written.
    // The old jobs and subscriptions of a written instance go only where has_children says it
    // may have some, so an instance that never had any costs the server this one UPDATE.
    // has_children is not cleared here: a job ScheduleAsync adds after this statement's snapshot
    // would not be seen by the delete, so clearing the flag could hide it from later saves.
    internal const string MultiRowUpdateSql = """
        WITH u AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::boolean[],
                                 $9::timestamptz[], $10::bigint[], $12::text[])
                AS u(id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, ended, ended_at, expected, tenant_id))
        , saved AS (
            UPDATE flow_instances AS i SET
                process_key = u.process_key, deployment_name = u.deployment_name, deployment_version = u.deployment_version,
                definition_hash = u.definition_hash, status = u.status, state_json = u.state_json,
                revision = i.revision + 1, ended = u.ended,
                ended_at = CASE WHEN u.ended THEN COALESCE(u.ended_at, i.ended_at, $11) END,
                ended_seq = CASE WHEN u.ended THEN COALESCE(i.ended_seq, nextval('flow_ended_seq')) END,
                updated_at = $11, tenant_id = u.tenant_id
            FROM u
            WHERE i.id = u.id AND i.revision = u.expected
            RETURNING i.id, i.has_children)
        , stale_jobs AS (
            DELETE FROM flow_jobs AS j USING saved WHERE saved.has_children AND j.instance_id = saved.id)
        , stale_subscriptions AS (
            DELETE FROM flow_subscriptions AS s USING saved WHERE saved.has_children AND s.instance_id = saved.id)
        SELECT id FROM saved;
        """;

    /// <summary>True when a save can go into the multi-row update: an update that writes no jobs and no subscriptions.</summary>
    private static bool IsPlainUpdate(StoredInstance instance, long expectedRevision) =>
        expectedRevision > 0 && instance.Jobs.Count == 0 && instance.Subscriptions.Count == 0;

    /// <summary>The multi-row update of <paramref name="saves"/> (distinct ids: a row joins one input row at most).</summary>
    private static NpgsqlBatchCommand MultiRowUpdateCommand(List<(StoredInstance Instance, long ExpectedRevision)> saves, DateTimeOffset now)
    {
        var count = saves.Count;
        var ids = new string?[count];
        var keys = new string?[count];
        var names = new string?[count];
        var versions = new int[count];
        var hashes = new string?[count];
        var statuses = new string?[count];
        var states = new string?[count];
        var ended = new bool[count];
        var endedAt = new DateTime?[count];
        var expected = new long[count];
        var tenants = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var (instance, expectedRevision) = saves[i];
            ids[i] = instance.Id;
            keys[i] = instance.ProcessKey;
            names[i] = instance.DeploymentName;
            versions[i] = instance.DeploymentVersion;
            hashes[i] = instance.DefinitionHash;
            statuses[i] = instance.Status.ToString();
            states[i] = instance.StateJson;
            ended[i] = instance.Ended;
            endedAt[i] = instance.EndedAt is { } at ? Microseconds(at).UtcDateTime : null;
            expected[i] = expectedRevision;
            tenants[i] = instance.TenantId;
        }

        return Command(
            MultiRowUpdateSql,
            Texts(ids),
            Texts(keys),
            Texts(names),
            new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = versions },
            Texts(hashes),
            Texts(statuses),
            Texts(states),
            new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, TypedValue = ended },
            new NpgsqlParameter<DateTime?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, TypedValue = endedAt },
            new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = expected },
            Time(now),
            Texts(tenants));   // $12
    }
}
