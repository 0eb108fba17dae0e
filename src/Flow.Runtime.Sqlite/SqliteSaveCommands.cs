using System;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// The statements of one instance save, prepared once on the writer's connection and reused for
/// every save it commits (SQLite keeps each compiled; only parameter values change). A save is
/// its instance row (the revision check is part of that statement), then its jobs and its
/// subscriptions, replaced as sets. Nothing here begins or commits: the caller's transaction
/// holds one or many saves.
/// </summary>
internal sealed class SqliteSaveCommands : IDisposable
{
    // ended_seq: an instance that ends joins the end of the line of ended instances; one that was
    // ended keeps its place; one that runs again leaves the line.
    private const string InsertSql = """
        INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at, ended_seq, created_at, updated_at, tenant_id)
        VALUES ($id, $process_key, $deployment_name, $deployment_version, $definition_hash, $status, $state_json, 1, $ended,
                CASE WHEN $ended <> 0 THEN COALESCE($ended_at, $now) END,
                CASE WHEN $ended <> 0 THEN (SELECT COALESCE(MAX(ended_seq), 0) + 1 FROM flow_instances WHERE ended_seq IS NOT NULL) END,
                $now, $now, $tenant_id)
        ON CONFLICT (id) DO NOTHING;
        """;

    private const string UpdateSql = """
        UPDATE flow_instances SET
            process_key = $process_key, deployment_name = $deployment_name, deployment_version = $deployment_version,
            definition_hash = $definition_hash, status = $status, state_json = $state_json, revision = revision + 1,
            ended = $ended, ended_at = CASE WHEN $ended <> 0 THEN COALESCE($ended_at, ended_at, $now) END,
            ended_seq = CASE WHEN $ended = 0 THEN NULL
                             ELSE COALESCE(ended_seq, (SELECT COALESCE(MAX(s.ended_seq), 0) + 1 FROM flow_instances AS s WHERE s.ended_seq IS NOT NULL)) END,
            updated_at = $now, tenant_id = $tenant_id
        WHERE id = $id AND revision = $expected_revision;
        """;

    // The usual update: same process and deployment as stored, so the statement leaves the
    // columns of the deployment index (and the key) alone and SQLite does not rewrite their index
    // entries; a migrated instance (0 rows here) takes the full update.
    private const string UpdateSameDeploymentSql = """
        UPDATE flow_instances SET
            status = $status, state_json = $state_json, revision = revision + 1,
            ended = $ended, ended_at = CASE WHEN $ended <> 0 THEN COALESCE($ended_at, ended_at, $now) END,
            ended_seq = CASE WHEN $ended = 0 THEN NULL
                             ELSE COALESCE(ended_seq, (SELECT COALESCE(MAX(s.ended_seq), 0) + 1 FROM flow_instances AS s WHERE s.ended_seq IS NOT NULL)) END,
            updated_at = $now
        WHERE id = $id AND revision = $expected_revision
          AND process_key = $process_key AND deployment_name = $deployment_name AND deployment_version = $deployment_version AND definition_hash = $definition_hash
          AND tenant_id IS $tenant_id;
        """;

    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _updateSameDeployment;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _deleteJobs;
    private readonly SqliteCommand _deleteStaleJobs;
    private readonly SqliteCommand _insertJob;
    private readonly SqliteCommand _deleteSubscriptions;
    private readonly SqliteCommand _insertSubscription;

    public SqliteSaveCommands(SqliteConnection connection)
    {
        _insert = Command(connection, InsertSql, "$id", "$process_key", "$deployment_name", "$deployment_version", "$definition_hash", "$status", "$state_json", "$ended", "$ended_at", "$now", "$tenant_id");
        _updateSameDeployment = Command(connection, UpdateSameDeploymentSql, "$id", "$process_key", "$deployment_name", "$deployment_version", "$definition_hash", "$status", "$state_json", "$ended", "$ended_at", "$now", "$expected_revision", "$tenant_id");
        _update = Command(connection, UpdateSql, "$id", "$process_key", "$deployment_name", "$deployment_version", "$definition_hash", "$status", "$state_json", "$ended", "$ended_at", "$now", "$expected_revision", "$tenant_id");
        _deleteJobs = Command(connection, "DELETE FROM flow_jobs WHERE instance_id = $id;", "$id");
        _deleteStaleJobs = Command(connection, "DELETE FROM flow_jobs WHERE instance_id = $id AND id NOT IN (SELECT value FROM json_each($ids));", "$id", "$ids");

        // A job kept by id keeps its row: its lease, attempts and due time stay as they are.
        _insertJob = Command(
            connection,
            """
            INSERT INTO flow_jobs (id, kind, instance_id, node_id, payload, due_at, runnable, attempts, last_error)
            VALUES ($id, $kind, $instance_id, $node_id, $payload, $due_at, 1, $attempts, $last_error)
            ON CONFLICT (id) DO NOTHING;
            """,
            "$id", "$kind", "$instance_id", "$node_id", "$payload", "$due_at", "$attempts", "$last_error");
        _deleteSubscriptions = Command(connection, "DELETE FROM flow_subscriptions WHERE instance_id = $id;", "$id");
        _insertSubscription = Command(
            connection,
            "INSERT INTO flow_subscriptions (instance_id, kind, name, correlation_key, node_id) VALUES ($instance_id, $kind, $name, $correlation_key, $node_id);",
            "$instance_id", "$kind", "$name", "$correlation_key", "$node_id");
    }

    /// <summary>Writes <paramref name="instance"/> in <paramref name="transaction"/> if its stored revision is <paramref name="expectedRevision"/>; false (nothing written) otherwise.</summary>
    public bool Save(SqliteTransaction transaction, StoredInstance instance, long expectedRevision, string now)
    {
        if (expectedRevision == 0 ? !Execute(_insert, transaction, instance, expectedRevision, now)
            : !Execute(_updateSameDeployment, transaction, instance, expectedRevision, now) && !Execute(_update, transaction, instance, expectedRevision, now))
        {
            return false;
        }

        // A first save finds nothing to replace: deleting an instance deletes its jobs and
        // subscriptions (trigger), and only saves write an instance's.
        if (expectedRevision != 0)
        {
            ReplaceOldJobs(transaction, instance);
            Run(_deleteSubscriptions, transaction, instance.Id);
        }

        foreach (var job in instance.Jobs)
        {
            Run(_insertJob, transaction, job.Id, job.Kind, instance.Id, job.NodeId, job.Payload, SqliteInstanceStore.FormatTime(job.DueAt), job.Attempts, job.LastError);
        }

        foreach (var subscription in instance.Subscriptions)
        {
            Run(_insertSubscription, transaction, instance.Id, subscription.Kind.ToString(), subscription.Name, subscription.CorrelationKey, subscription.NodeId);
        }

        return true;
    }

    /// <summary>The instance row's statement; true when it wrote the row.</summary>
    private static bool Execute(SqliteCommand row, SqliteTransaction transaction, StoredInstance instance, long expectedRevision, string now)
    {
        row.Transaction = transaction;
        var p = row.Parameters;
        p[0].Value = instance.Id;
        p[1].Value = instance.ProcessKey;
        p[2].Value = instance.DeploymentName;
        p[3].Value = instance.DeploymentVersion;
        p[4].Value = instance.DefinitionHash;
        p[5].Value = instance.Status.ToString();
        p[6].Value = instance.StateJson;
        p[7].Value = instance.Ended ? 1 : 0;
        p[8].Value = instance.EndedAt is { } endedAt ? SqliteInstanceStore.FormatTime(endedAt) : DBNull.Value;
        p[9].Value = now;
        if (expectedRevision != 0)
        {
            p[10].Value = expectedRevision;
        }

        p[expectedRevision == 0 ? 10 : 11].Value = (object?)instance.TenantId ?? DBNull.Value;

        return row.ExecuteNonQuery() == 1;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _insert, _updateSameDeployment, _update, _deleteJobs, _deleteStaleJobs, _insertJob, _deleteSubscriptions, _insertSubscription })
        {
            command.Dispose();
        }
    }

    /// <summary>Removes the instance's jobs that its new set no longer lists.</summary>
    private void ReplaceOldJobs(SqliteTransaction transaction, StoredInstance instance)
    {
        if (instance.Jobs.Count == 0)
        {
            Run(_deleteJobs, transaction, instance.Id);
            return;
        }

        var ids = new string[instance.Jobs.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = instance.Jobs[i].Id;
        }

        Run(_deleteStaleJobs, transaction, instance.Id, SqliteJson.StringArray(ids));
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
