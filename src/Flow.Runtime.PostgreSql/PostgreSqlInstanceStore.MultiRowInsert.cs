using System;
using System.Collections.Generic;
using Npgsql;
using NpgsqlTypes;

namespace Flow.Instances;

/// <summary>
/// The new instances of one group commit that write no jobs and no subscriptions (most starts)
/// as one <c>INSERT ... SELECT FROM unnest(...)</c>, instead of one statement each: the server
/// binds, executes and fires the statement trigger once per group, and the client writes one
/// parameter array per column instead of twelve parameters per save.
/// </summary>
public sealed partial class PostgreSqlInstanceStore
{
    // $1..$9, $11 per save: id, process_key, deployment_name, deployment_version, definition_hash,
    // status, state_json, ended, ended_at (the engine's, may be null), tenant_id; $10 now.
    // ON CONFLICT DO NOTHING: a save of an id that is stored already (expected revision 0 but not
    // new) writes nothing; the ids returned are the saves that were written.
    internal const string MultiRowInsertSql = """
        INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision,
                                    ended, ended_at, ended_seq, created_at, updated_at, has_children, tenant_id)
        SELECT u.id, u.process_key, u.deployment_name, u.deployment_version, u.definition_hash, u.status, u.state_json, 1,
               u.ended, CASE WHEN u.ended THEN COALESCE(u.ended_at, $10) END, CASE WHEN u.ended THEN nextval('flow_ended_seq') END,
               $10, $10, false, u.tenant_id
        FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::boolean[],
                    $9::timestamptz[], $11::text[])
            AS u(id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, ended, ended_at, tenant_id)
        ON CONFLICT (id) DO NOTHING
        RETURNING id;
        """;

    /// <summary>True when a save can go into the multi-row insert: a new instance without jobs or subscriptions.</summary>
    private static bool IsPlainInsert(StoredInstance instance, long expectedRevision) =>
        expectedRevision == 0 && instance.Jobs.Count == 0 && instance.Subscriptions.Count == 0;

    /// <summary>The multi-row insert of <paramref name="saves"/> (distinct ids).</summary>
    private static NpgsqlBatchCommand MultiRowInsertCommand(List<StoredInstance> saves, DateTimeOffset now)
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
        var tenants = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var instance = saves[i];
            ids[i] = instance.Id;
            keys[i] = instance.ProcessKey;
            names[i] = instance.DeploymentName;
            versions[i] = instance.DeploymentVersion;
            hashes[i] = instance.DefinitionHash;
            statuses[i] = instance.Status.ToString();
            states[i] = instance.StateJson;
            ended[i] = instance.Ended;
            endedAt[i] = instance.EndedAt is { } at ? Microseconds(at).UtcDateTime : null;
            tenants[i] = instance.TenantId;
        }

        return Command(
            MultiRowInsertSql,
            Texts(ids),
            Texts(keys),
            Texts(names),
            new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = versions },
            Texts(hashes),
            Texts(statuses),
            Texts(states),
            new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, TypedValue = ended },
            new NpgsqlParameter<DateTime?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, TypedValue = endedAt },
            Time(now),
            Texts(tenants));   // $11
    }

    private static NpgsqlParameter Texts(string?[] values) =>
        new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = values };
}
