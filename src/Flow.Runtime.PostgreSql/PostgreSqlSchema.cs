using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Flow.Instances;

/// <summary>
/// Creates and upgrades the flow tables of a PostgreSQL database. All migrations run in one
/// transaction that first takes a transaction-scoped advisory lock, so nodes starting at once
/// migrate one after the other (the later ones find nothing left to do); each migration is
/// recorded in flow_schema_version in that same transaction, so a failed upgrade leaves nothing.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The advisory lock key of schema changes (any fixed number; "flowschm" as bytes).</summary>
    internal const long MigrationLockKey = 0x666C6F77_7363686D;

    /// <summary>Migration n (1-based) brings the database from version n - 1 to n. Append only: never edit one that shipped.</summary>
    internal static readonly IReadOnlyList<string> Migrations = new[]
    {
        // 1: instances with their jobs and subscriptions, retention's bookkeeping, deployments.
        // Ids collate "C" (byte order), so ORDER BY id is the same on every database whatever its locale.
        """
        CREATE TABLE flow_instances (
            id                 text COLLATE "C" NOT NULL PRIMARY KEY,
            process_key        text        NOT NULL,
            deployment_name    text        NOT NULL,
            deployment_version integer     NOT NULL,
            definition_hash    text        NOT NULL,
            status             text        NOT NULL,
            state_json         text        NOT NULL,
            revision           bigint      NOT NULL,
            ended              boolean     NOT NULL,
            ended_at           timestamptz NULL,
            ended_seq          bigint      NULL,
            created_at         timestamptz NOT NULL,
            updated_at         timestamptz NOT NULL
        );
        CREATE INDEX ix_flow_instances_process_status ON flow_instances (process_key, status);
        CREATE INDEX ix_flow_instances_deployment ON flow_instances (deployment_name, deployment_version);
        CREATE INDEX ix_flow_instances_ended_at ON flow_instances (ended_at) WHERE ended;
        CREATE INDEX ix_flow_instances_ended_seq ON flow_instances (ended_seq) WHERE ended_seq IS NOT NULL;
        CREATE SEQUENCE flow_ended_seq;

        -- How many instances have ended, in 64 slots that the triggers pick by backend, so
        -- concurrent saves rarely wait on one counter row; the count is the sum.
        CREATE TABLE flow_ended_count (slot integer NOT NULL PRIMARY KEY, n bigint NOT NULL);
        INSERT INTO flow_ended_count (slot, n) SELECT s, 0 FROM generate_series(0, 63) AS s;
        CREATE FUNCTION flow_count_ended() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE delta integer;
        BEGIN
            IF TG_OP = 'INSERT' THEN delta := NEW.ended::integer;
            ELSIF TG_OP = 'DELETE' THEN delta := -OLD.ended::integer;
            ELSE delta := NEW.ended::integer - OLD.ended::integer;
            END IF;
            IF delta <> 0 THEN
                UPDATE flow_ended_count SET n = n + delta WHERE slot = pg_backend_pid() % 64;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_flow_instances_count_ended AFTER INSERT OR DELETE OR UPDATE OF ended ON flow_instances
            FOR EACH ROW EXECUTE FUNCTION flow_count_ended();

        CREATE TABLE flow_jobs (
            id               text COLLATE "C" NOT NULL PRIMARY KEY,
            kind             text        NOT NULL,
            due_at           timestamptz NOT NULL,
            instance_id      text COLLATE "C" NULL REFERENCES flow_instances (id) ON DELETE CASCADE,
            node_id          text        NULL,
            payload          text        NULL,
            attempts         integer     NOT NULL,
            last_error       text        NULL,
            runnable         boolean     NOT NULL,
            lease_owner      text        NULL,
            lease_expires_at timestamptz NULL
        );
        CREATE INDEX ix_flow_jobs_due ON flow_jobs (due_at, id) WHERE runnable;
        CREATE INDEX ix_flow_jobs_instance ON flow_jobs (instance_id) WHERE instance_id IS NOT NULL;

        CREATE TABLE flow_subscriptions (
            instance_id     text COLLATE "C" NOT NULL REFERENCES flow_instances (id) ON DELETE CASCADE,
            ordinal         integer NOT NULL,
            kind            text    NOT NULL,
            name            text    NOT NULL,
            correlation_key text    NULL,
            node_id         text    NOT NULL
        );
        -- no unique key: a save deletes the old set and inserts the new one in one statement,
        -- whose parts do not see each other's rows
        CREATE INDEX ix_flow_subscriptions_instance ON flow_subscriptions (instance_id, ordinal);
        CREATE INDEX ix_flow_subscriptions_name ON flow_subscriptions (kind, name, correlation_key);

        CREATE TABLE flow_blobs (
            sha256  text  NOT NULL PRIMARY KEY,
            content bytea NOT NULL
        );
        CREATE TABLE flow_deployments (
            name          text        NOT NULL,
            version       integer     NOT NULL,
            manifest_json text        NOT NULL,
            saved_at      timestamptz NOT NULL,
            PRIMARY KEY (name, version)
        );
        CREATE TABLE flow_deployment_files (
            name    text    NOT NULL,
            version integer NOT NULL,
            path    text    NOT NULL,
            sha256  text    NOT NULL REFERENCES flow_blobs (sha256),
            PRIMARY KEY (name, version, path),
            FOREIGN KEY (name, version) REFERENCES flow_deployments (name, version) ON DELETE CASCADE
        );
        CREATE TABLE flow_deployment_actions (
            sequence bigint      NOT NULL PRIMARY KEY,
            kind     text        NOT NULL,
            name     text        NOT NULL,
            version  integer     NOT NULL,
            at       timestamptz NOT NULL,
            node     text        NULL
        );
        """,

        // 2: has_children, true once an instance may have jobs or subscriptions (set by saves
        // that write some and by ScheduleAsync); updates of instances where it is false skip
        // deleting their jobs and subscriptions. Rows from before stay true (the default): a
        // node of version 1 still writing during an upgrade inserts rows that may have children.
        """
        ALTER TABLE flow_instances ADD COLUMN has_children boolean NOT NULL DEFAULT true;
        """,

        // 3: the instance's tenant (its deployment's; NULL: none, as every row before was).
        // Runs under the migration's advisory lock and is recorded in the same transaction, so two
        // nodes starting at once add it once (the second finds version 3 recorded).
        """
        ALTER TABLE flow_instances ADD COLUMN tenant_id text NULL;
        CREATE INDEX ix_flow_instances_tenant ON flow_instances (tenant_id, process_key) WHERE tenant_id IS NOT NULL;
        """,

        // 4: the ended count kept by statement-level triggers over transition tables: one counter
        // update per statement that changes how many instances have ended (a group commit's
        // multi-row update, a retention delete), none for statements that do not, instead of a
        // PL/pgSQL call per row and a counter row version per ending row (which, within one
        // transaction, piled up as a chain every later update of the slot walked). The count
        // means the same; it is still kept by the server, so nodes of an older version writing
        // during a rolling upgrade are counted too. Swapped under the migration's lock in one
        // transaction: no statement runs with both triggers or neither.
        """
        DROP TRIGGER tr_flow_instances_count_ended ON flow_instances;
        DROP FUNCTION flow_count_ended();
        CREATE FUNCTION flow_count_ended_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE delta bigint;
        BEGIN
            SELECT count(*) INTO delta FROM flow_inserted WHERE ended;
            IF delta <> 0 THEN
                UPDATE flow_ended_count SET n = n + delta WHERE slot = pg_backend_pid() % 64;
            END IF;
            RETURN NULL;
        END $$;
        CREATE FUNCTION flow_count_ended_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE delta bigint;
        BEGIN
            SELECT (SELECT count(*) FROM flow_updated_new WHERE ended) - (SELECT count(*) FROM flow_updated_old WHERE ended) INTO delta;
            IF delta <> 0 THEN
                UPDATE flow_ended_count SET n = n + delta WHERE slot = pg_backend_pid() % 64;
            END IF;
            RETURN NULL;
        END $$;
        CREATE FUNCTION flow_count_ended_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE delta bigint;
        BEGIN
            SELECT count(*) INTO delta FROM flow_deleted WHERE ended;
            IF delta <> 0 THEN
                UPDATE flow_ended_count SET n = n - delta WHERE slot = pg_backend_pid() % 64;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_flow_instances_count_inserted AFTER INSERT ON flow_instances
            REFERENCING NEW TABLE AS flow_inserted FOR EACH STATEMENT EXECUTE FUNCTION flow_count_ended_inserted();
        CREATE TRIGGER tr_flow_instances_count_updated AFTER UPDATE ON flow_instances
            REFERENCING OLD TABLE AS flow_updated_old NEW TABLE AS flow_updated_new FOR EACH STATEMENT EXECUTE FUNCTION flow_count_ended_updated();
        CREATE TRIGGER tr_flow_instances_count_deleted AFTER DELETE ON flow_instances
            REFERENCING OLD TABLE AS flow_deleted FOR EACH STATEMENT EXECUTE FUNCTION flow_count_ended_deleted();
        """,
    };

    /// <summary>The version this package writes.</summary>
    public static int LatestVersion => Migrations.Count;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; refuses one whose schema is newer.</summary>
    public static async Task EnsureCurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey});", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS flow_schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());", cancellationToken).ConfigureAwait(false);

        await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM flow_schema_version;", connection))
        {
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (current > LatestVersion)
            {
                throw PostgreSqlErrors.SchemaTooNew(connection.Database, current, LatestVersion);
            }

            for (var version = current + 1; version <= LatestVersion; version++)
            {
                await ExecuteAsync(connection, Migrations[version - 1], cancellationToken).ConfigureAwait(false);
                await using var record = new NpgsqlCommand("INSERT INTO flow_schema_version (version) VALUES ($1);", connection);
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
