namespace Flow.Instances;

internal static partial class SqliteSchema
{
    /// <summary>
    /// Version 3: scheduled jobs (with leases) and event subscriptions, both written with their
    /// instance in its save's transaction. A trigger removes an instance's jobs and subscriptions
    /// with the instance, whoever deletes it (a delete, retention, a raw <c>DELETE</c>).
    /// </summary>
    /// <remarks>
    /// Times are fixed-width UTC text (text order is time order), as in flow_instances.
    /// <c>runnable</c> is 0 for a job that failed with no retry (kept for an operator to see);
    /// the partial due index holds only runnable jobs, so acquiring and the next due time never
    /// walk those. A lease is (lease_owner, lease_expires_at); a job is free when lease_owner is
    /// null or its lease expired.
    /// </remarks>
    internal const string V3JobsAndSubscriptions = """
        CREATE TABLE IF NOT EXISTS flow_jobs (
            id               TEXT    NOT NULL PRIMARY KEY,
            kind             TEXT    NOT NULL,
            instance_id      TEXT    NULL,
            node_id          TEXT    NULL,
            payload          TEXT    NULL,
            due_at           TEXT    NOT NULL,
            runnable         INTEGER NOT NULL,
            attempts         INTEGER NOT NULL,
            last_error       TEXT    NULL,
            lease_owner      TEXT    NULL,
            lease_expires_at TEXT    NULL
        );
        CREATE INDEX IF NOT EXISTS ix_flow_jobs_due ON flow_jobs (due_at, id) WHERE runnable = 1;
        CREATE INDEX IF NOT EXISTS ix_flow_jobs_instance ON flow_jobs (instance_id) WHERE instance_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS flow_subscriptions (
            instance_id     TEXT NOT NULL,
            kind            TEXT NOT NULL,
            name            TEXT NOT NULL,
            correlation_key TEXT NULL,
            node_id         TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_flow_subscriptions_event ON flow_subscriptions (kind, name, correlation_key);
        CREATE INDEX IF NOT EXISTS ix_flow_subscriptions_instance ON flow_subscriptions (instance_id);
        CREATE TRIGGER IF NOT EXISTS tr_flow_instances_delete_children AFTER DELETE ON flow_instances
        BEGIN
            DELETE FROM flow_jobs WHERE instance_id = OLD.id;
            DELETE FROM flow_subscriptions WHERE instance_id = OLD.id;
        END;
        """;
}
