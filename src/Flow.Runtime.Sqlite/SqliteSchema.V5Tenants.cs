namespace Flow.Instances;

internal static partial class SqliteSchema
{
    /// <summary>
    /// Version 5: the tenant of each instance (its deployment's tenant; NULL: none), for queries by
    /// tenant. Existing rows get NULL, which is what they were: instances of deployments without
    /// tenant. Runs once, in the migration transaction that records the version (BEGIN IMMEDIATE:
    /// two processes opening the file at once migrate one after the other).
    /// </summary>
    internal const string V5Tenants = """
        ALTER TABLE flow_instances ADD COLUMN tenant_id TEXT NULL;
        CREATE INDEX IF NOT EXISTS ix_flow_instances_tenant ON flow_instances (tenant_id, process_key) WHERE tenant_id IS NOT NULL;
        """;
}
