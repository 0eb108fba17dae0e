using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flow.Hosting;

/// <summary>Options of <see cref="FlowServiceCollectionExtensions.AddFlowRuntime"/>.</summary>
public sealed class FlowRuntimeOptions
{
    /// <summary>The folder whose sub-folders are deployment folders; null: no hot deployer.</summary>
    public string? DeploymentRoot { get; set; }

    /// <summary>Assemblies the host shares with flows (their types unify across versions).</summary>
    public IList<string> SharedAssemblies { get; } = new List<string>();

    /// <summary>A test run per process on a new version before it becomes latest.</summary>
    public Func<string, IFlowProcess, CancellationToken, ValueTask<bool>>? HealthCheck { get; set; }

    /// <summary>
    /// Creates the instance store; null (default): an in-memory store. Storage packages set it
    /// (e.g. <c>o.UseSqlite("flows.db")</c>), so Flow.Runtime needs no database driver. A store
    /// registered as <see cref="IInstanceStore"/> before AddFlowRuntime still wins.
    /// </summary>
    public Func<IServiceProvider, IInstanceStore>? InstanceStoreFactory { get; set; }

    /// <summary>How long the store keeps ended instances (default: the latest 10,000); honoured by the in-memory store and by storage packages' stores (e.g. <c>UseSqlite</c>).</summary>
    public InstanceRetention InstanceRetention { get; set; } = InstanceRetention.Default;

    /// <summary>Bounds on each run of an instance (default: 100,000 steps without a wait state, 1,000 trace entries).</summary>
    public ExecutionLimits ExecutionLimits { get; set; } = ExecutionLimits.Default;

    /// <summary>
    /// PEM public keys (<c>-----BEGIN PUBLIC KEY-----</c>, ECDSA or RSA) of whoever may deploy.
    /// With any key, a deployment whose manifest is not signed by one of them is refused
    /// (FLOW6030/FLOW6031); empty (default): signatures are not checked.
    /// </summary>
    public IList<string> TrustedManifestKeys { get; } = new List<string>();

    /// <summary>
    /// How the job runner (timers) leases, retries and sleeps. It runs as a hosted service when
    /// the instance store is also an <see cref="Flow.Jobs.IJobStore"/> (the in-memory store is) and
    /// <see cref="RunJobs"/> is true; handlers are the engine's plus every registered <see cref="Flow.Jobs.IJobHandler"/>.
    /// </summary>
    public Flow.Jobs.JobRunnerOptions Jobs { get; } = new();

    /// <summary>Whether this node runs due jobs (default true); a node that only serves calls may leave them to others.</summary>
    public bool RunJobs { get; set; } = true;
}

/// <summary>Registers the runtime in a host.</summary>
public static class FlowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the deployment registry, the engine, an instance store (unless one is registered:
    /// <see cref="FlowRuntimeOptions.InstanceStoreFactory"/>'s, else in memory), the job runner (timers) and one hosted
    /// service that runs the hot deployer (with a deployment root) and the job runner (when the store keeps jobs). A
    /// <see cref="TimeProvider"/> registered in the container is the engine's and the runner's clock. Process
    /// objects are created with the host's services (constructor injection).
    /// </summary>
    public static IServiceCollection AddFlowRuntime(this IServiceCollection services, Action<FlowRuntimeOptions>? configure = null)
    {
        var options = new FlowRuntimeOptions();
        configure?.Invoke(options);
        services.TryAddSingleton<IInstanceStore>(provider =>
            options.InstanceStoreFactory?.Invoke(provider) ?? new InMemoryInstanceStore(options.InstanceRetention));
        services.AddSingleton(provider => new DeploymentRegistry(
            options.SharedAssemblies,
            options.HealthCheck,
            type => (IFlowProcess)ActivatorUtilities.CreateInstance(provider, type))
        {
            ManifestTrust = ManifestTrust.FromPem(options.TrustedManifestKeys),
        });
        services.AddSingleton(provider => new FlowEngine(provider.GetRequiredService<DeploymentRegistry>(), provider.GetRequiredService<IInstanceStore>())
        {
            Logger = (ILogger?)provider.GetService<ILogger<FlowEngine>>() ?? NullLogger.Instance,
            Limits = options.ExecutionLimits,
            Clock = provider.GetService<TimeProvider>() ?? TimeProvider.System,
        });
        services.AddSingleton(provider =>
        {
            var engine = provider.GetRequiredService<FlowEngine>();
            var store = provider.GetRequiredService<IInstanceStore>() as Flow.Jobs.IJobStore
                ?? throw new InvalidOperationException("The instance store is not a job store, so no job runner can run its timers.");
            var runner = new Flow.Jobs.JobRunner(
                store,
                engine.JobHandlers.Concat(provider.GetServices<Flow.Jobs.IJobHandler>()),
                engine.Clock,
                options.Jobs,
                (ILogger?)provider.GetService<ILogger<Flow.Jobs.JobRunner>>() ?? NullLogger.Instance);
            engine.JobScheduled += due => runner.Wake(due);
            return runner;
        });
        if (options.DeploymentRoot is { } root)
        {
            services.AddSingleton<IChangeDetector>(_ => new FileSystemChangeDetector(root));
            services.AddSingleton<HotDeployer>();
        }

        if (options.DeploymentRoot is not null || options.RunJobs)
        {
            // One hosted service: the deployer starts first, so versions are loaded before their jobs run.
            services.AddSingleton<IHostedService>(provider => new FlowHostedService(
                options.DeploymentRoot is null ? null : provider.GetRequiredService<HotDeployer>(),
                options.RunJobs && provider.GetRequiredService<IInstanceStore>() is Flow.Jobs.IJobStore ? provider.GetRequiredService<Flow.Jobs.JobRunner>() : null));
        }

        return services;
    }
}
