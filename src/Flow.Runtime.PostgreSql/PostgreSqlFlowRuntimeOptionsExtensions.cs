using System;
using Flow.Deployment.Storage;
using Flow.Instances;
using Flow.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flow.Hosting;

/// <summary><c>services.AddFlowRuntime(o => o.UsePostgreSql(connectionString))</c>: instances, jobs and deployments in a PostgreSQL database shared by a cluster.</summary>
public static class PostgreSqlFlowRuntimeOptionsExtensions
{
    /// <summary>
    /// Keeps instances and jobs in the PostgreSQL database of <paramref name="connectionString"/>
    /// (one <see cref="PostgreSqlInstanceStore"/>, registered as <see cref="IInstanceStore"/> and
    /// <see cref="IJobStore"/>) and registers a <see cref="PostgreSqlDeploymentStore"/> as
    /// <see cref="IDeploymentStore"/> (so a deployment made on any node is served on every node:
    /// the store's LISTEN/NOTIFY wakes each node's <see cref="DeploymentLogFollower"/>, with
    /// polling as the fallback) and a <see cref="PostgreSqlDeploymentNotifier"/> for the host's own use (not started). The schema is created or upgraded when a store is first resolved. Ended instances
    /// are kept as <see cref="FlowRuntimeOptions.InstanceRetention"/> says, read when the store is
    /// created (so it may be set before or after this call).
    /// </summary>
    public static FlowRuntimeOptions UsePostgreSql(this FlowRuntimeOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        options.InstanceStoreFactory = _ => new PostgreSqlInstanceStore(connectionString, options.InstanceRetention);

        // The deployment log every node follows; the store's LISTEN/NOTIFY wakes the follower. The
        // store belongs to these options, not to the container, so a named engine (whose options
        // add no unkeyed services) gets the store of its own connection string.
        var deploymentStore = new Lazy<PostgreSqlDeploymentStore>(() => new PostgreSqlDeploymentStore(connectionString));
        options.DeploymentStoreFactory = _ => deploymentStore.Value;
        options.ServiceRegistrations.Add(services =>
        {
            services.TryAddSingleton<IJobStore>(provider => provider.GetRequiredService<IInstanceStore>() as IJobStore
                ?? throw new InvalidOperationException("The registered IInstanceStore is not an IJobStore; register an IJobStore too, or let UsePostgreSql register the store."));
            services.TryAddSingleton(_ => deploymentStore.Value);
            services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlDeploymentStore>().CreateNotifier());
        });
        return options;
    }
}
