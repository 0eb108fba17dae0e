using System;
using Flow.Deployment.Storage;
using Flow.Instances;

namespace Flow.Hosting;

/// <summary><c>services.AddFlowRuntime(o => o.UseSqlite("flows.db"))</c>: instances and deployments in a SQLite file.</summary>
public static class SqliteFlowRuntimeOptionsExtensions
{
    /// <summary>
    /// Keeps instances in the SQLite file at <paramref name="path"/> (relative paths resolve
    /// against the current directory when the store is created); the schema is created or
    /// upgraded on first use. Ended instances are kept as <see cref="FlowRuntimeOptions.InstanceRetention"/>
    /// says, read when the store is created (so it may be set before or after this call).
    /// Deployments are kept in the same file (<see cref="Flow.Deployment.Storage.SqliteDeploymentStore"/>):
    /// what one process deploys, every process on the file serves.
    /// </summary>
    public static FlowRuntimeOptions UseSqlite(this FlowRuntimeOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options.InstanceStoreFactory = _ => new SqliteInstanceStore(path, options.InstanceRetention);
        options.DeploymentStoreFactory = _ => new SqliteDeploymentStore(path);   // deployments too: every process on the file serves the latest
        return options;
    }
}
