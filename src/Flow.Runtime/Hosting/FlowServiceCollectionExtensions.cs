using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Deployment.Storage;
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

    /// <summary>What a timeCycle does with occurrences missed while the host was down (default: <see cref="TimerMisfire.FireOnce"/>, fire once, then go on); see <see cref="FlowEngine.TimerMisfire"/>.</summary>
    public TimerMisfire TimerMisfire { get; set; }

    /// <summary>
    /// PEM public keys (<c>-----BEGIN PUBLIC KEY-----</c>, ECDSA or RSA) of whoever may deploy.
    /// With any key, a deployment whose manifest is not signed by one of them is refused
    /// (FLOW6030/FLOW6031); empty (default): signatures are not checked.
    /// </summary>
    public IList<string> TrustedManifestKeys { get; } = new List<string>();

    /// <summary>
    /// Registrations a storage package adds to the container besides the instance store (e.g.
    /// <c>UsePostgreSql</c>'s job and deployment stores); AddFlowRuntime runs them after its own.
    /// </summary>
    public IList<Action<IServiceCollection>> ServiceRegistrations { get; } = new List<Action<IServiceCollection>>();

    /// <summary>
    /// Creates the deployment store shared by the nodes of a cluster; null (default): deployments
    /// stay on each node. With a store, what this node deploys, rolls back or undeploys is written
    /// to it, and a <see cref="DeploymentLogFollower"/> applies what the other nodes did (before
    /// the hot deployer starts). Storage packages set it (e.g. <c>o.UseSqlite("flows.db")</c>); a
    /// store registered as <see cref="IDeploymentStore"/> before AddFlowRuntime still wins.
    /// </summary>
    public Func<IServiceProvider, IDeploymentStore>? DeploymentStoreFactory { get; set; }

    /// <summary>How often the deployment log is read when no change signal comes (default 500 ms).</summary>
    public TimeSpan DeploymentPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How this node signs its deployment log entries (default: machine name, process id and a random part).</summary>
    public string? NodeId { get; set; }

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
        if (options.DeploymentStoreFactory is { } storeFactory)
        {
            services.TryAddSingleton<IDeploymentStore>(provider => storeFactory(provider));
        }

        services.AddSingleton(provider =>
        {
            var registry = new DeploymentRegistry(
                options.SharedAssemblies,
                options.HealthCheck,
                type => (IFlowProcess)ActivatorUtilities.CreateInstance(provider, type))
            {
                MakesProcessObjects = true,   // constructor injection only: a type without fields may be reused
                ManifestTrust = ManifestTrust.FromPem(options.TrustedManifestKeys),
                DeploymentStore = options.DeploymentStoreFactory is null ? null : provider.GetRequiredService<IDeploymentStore>(),
                NodeId = options.NodeId ?? DeploymentRegistry.NewNodeId(),
                HandlerServices = provider,
            };
            return registry;
        });
        services.AddSingleton(provider => new FlowEngine(provider.GetRequiredService<DeploymentRegistry>(), provider.GetRequiredService<IInstanceStore>())
        {
            Logger = (ILogger?)provider.GetService<ILogger<FlowEngine>>() ?? NullLogger.Instance,
            Limits = options.ExecutionLimits,
            Clock = provider.GetService<TimeProvider>() ?? TimeProvider.System,
            TimerMisfire = options.TimerMisfire,
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
        if (options.DeploymentStoreFactory is not null)
        {
            // Registered before the hot deployer: a node catches up with the cluster before it deploys its own folders.
            services.AddSingleton(provider => new DeploymentLogFollower(
                provider.GetRequiredService<DeploymentRegistry>(),
                interval: options.DeploymentPollInterval,
                logger: provider.GetService<ILogger<DeploymentLogFollower>>()));
            services.AddSingleton<IHostedService, DeploymentLogFollowerService>();
        }

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

        foreach (var register in options.ServiceRegistrations)
        {
            register(services);
        }

        return services;
    }
}
