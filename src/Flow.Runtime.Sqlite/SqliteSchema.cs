using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// Creates and upgrades the tables of a flows file. Each migration runs once, in order, and is
/// recorded in flow_schema_version in the same transaction as its changes; BEGIN IMMEDIATE
/// takes the write lock first, so two processes opening a new file at once migrate one after
/// the other (the second finds nothing left to do).
/// </summary>
internal static partial class SqliteSchema
{
    /// <summary>Migration n (1-based) brings the file from version n - 1 to n. Append only: never edit one that shipped.</summary>
    internal static readonly IReadOnlyList<string> Migrations = new[]
    {
        """
        CREATE TABLE IF NOT EXISTS flow_instances (
            id                 TEXT    NOT NULL PRIMARY KEY,
            process_key        TEXT    NOT NULL,
            deployment_name    TEXT    NOT NULL,
            deployment_version INTEGER NOT NULL,
            definition_hash    TEXT    NOT NULL,
            status             TEXT    NOT NULL,
            state_json         TEXT    NOT NULL,
            revision           INTEGER NOT NULL,
            ended              INTEGER NOT NULL,
            ended_at           TEXT    NULL,
            created_at         TEXT    NOT NULL,
            updated_at         TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_flow_instances_process_status ON flow_instances (process_key, status);
        CREATE INDEX IF NOT EXISTS ix_flow_instances_deployment ON flow_instances (deployment_name, deployment_version);
        CREATE INDEX IF NOT EXISTS ix_flow_instances_ended ON flow_instances (ended, ended_at);
        """,

        // Retention: ended_seq is an instance's place in the line of ended instances (set when
        // it ends, cleared when it runs again), so "oldest ended first" does not depend on clocks;
        // flow_ended_count is kept by triggers, so checking the count bound reads one row.
        // ADD COLUMN cannot say IF NOT EXISTS: the version row, written in the same transaction, guards it.
        """
        ALTER TABLE flow_instances ADD COLUMN ended_seq INTEGER NULL;
        UPDATE flow_instances SET ended_seq = ranked.n
        FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY ended_at, id) AS n FROM flow_instances WHERE ended <> 0) AS ranked
        WHERE flow_instances.id = ranked.id;
        CREATE INDEX IF NOT EXISTS ix_flow_instances_ended_seq ON flow_instances (ended_seq) WHERE ended_seq IS NOT NULL;
        CREATE TABLE IF NOT EXISTS flow_ended_count (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
        INSERT OR REPLACE INTO flow_ended_count (id, n) SELECT 1, COUNT(*) FROM flow_instances WHERE ended <> 0;
        CREATE TRIGGER IF NOT EXISTS tr_flow_instances_ended_insert AFTER INSERT ON flow_instances WHEN NEW.ended <> 0
        BEGIN UPDATE flow_ended_count SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER IF NOT EXISTS tr_flow_instances_ended_delete AFTER DELETE ON flow_instances WHEN OLD.ended <> 0
        BEGIN UPDATE flow_ended_count SET n = n - 1 WHERE id = 1; END;
        CREATE TRIGGER IF NOT EXISTS tr_flow_instances_ended_update AFTER UPDATE OF ended ON flow_instances WHEN (OLD.ended <> 0) <> (NEW.ended <> 0)
        BEGIN UPDATE flow_ended_count SET n = n + (CASE WHEN NEW.ended <> 0 THEN 1 ELSE -1 END) WHERE id = 1; END;
        """,

        // Each later migration lives in its own file or store (one line here), numbered by its place.
        // Version 3: jobs with leases and event subscriptions.
        V3JobsAndSubscriptions,

        // Version 4: deployments in the database (SqliteDeploymentStore).
        Flow.Deployment.Storage.SqliteDeploymentStore.Migration,

        // Version 5: the instance's tenant.
        V5Tenants,
    };

    /// <summary>The version this package writes.</summary>
    public static int LatestVersion => Migrations.Count;

    /// <summary>Brings the file to <see cref="LatestVersion"/>, creating it when missing; refuses a file that is not a database or is newer.</summary>
    public static void EnsureCurrent(string connectionString, string path)
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            SqliteInstanceStore.Configure(connection);

            // WAL is a property of the file: set once, it stays. It cannot change inside a transaction.
            Execute(connection, null, "PRAGMA journal_mode = WAL;");

            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS flow_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);");
            using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM flow_schema_version;";
            var current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (current > LatestVersion)
            {
                throw new FlowStorageException(
                    SqliteStoreErrors.NewerSchema,
                    path,
                    $"'{path}' has flow schema version {current}, but this Flow.Runtime.Sqlite knows versions up to {LatestVersion}: a newer package wrote it. Update the package; the file is left unchanged.");
            }

            for (var version = current + 1; version <= LatestVersion; version++)
            {
                Execute(connection, transaction, Migrations[version - 1]);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO flow_schema_version (version, applied_at) VALUES ($version, $at);";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$at", SqliteInstanceStore.FormatTime(DateTimeOffset.UtcNow));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteStoreErrors.SqliteCannotOpen or SqliteStoreErrors.SqliteReadOnly)
        {
            throw new FlowStorageException(
                SqliteStoreErrors.CannotOpen,
                path,
                $"The flows database '{path}' cannot be opened for writing (SQLite error {e.SqliteErrorCode}: {e.Message}). Check that its folder exists and is writable.",
                e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteStoreErrors.SqliteNotADatabase or SqliteStoreErrors.SqliteCorrupt)
        {
            throw new FlowStorageException(
                SqliteStoreErrors.NotADatabase,
                path,
                $"'{path}' is not a readable SQLite database (SQLite error {e.SqliteErrorCode}: {e.Message}). It was left as it is, not recreated: restore it from a backup or move it away.",
                e);
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
