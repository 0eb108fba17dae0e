using System;
using System.Linq;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flow.Hosting;

/// <summary>
/// Several engines in one host, as Camunda's <c>processes.xml</c> declares several process
/// engines: each named engine has its own registry, instance store, deployment store, deployment
/// root, limits and job runner, registered as keyed services under its name.
/// </summary>
public static class FlowNamedEngineExtensions
{
    /// <summary>
    /// Adds the engine <paramref name="name"/>: <c>provider.GetRequiredKeyedService&lt;FlowEngine&gt;(name)</c>
    /// (and its <see cref="DeploymentRegistry"/>, <see cref="IInstanceStore"/> and, with a deployment
    /// store, <see cref="IDeploymentStore"/>, keyed alike). Its options are its own (a deployment
    /// root, <c>o.UseSqlite(path)</c>, limits, jobs); a hosted service follows its deployment store's
    /// log, runs its hot deployer, then its job runner. <see cref="FlowRuntimeOptions.ServiceRegistrations"/>
    /// are not applied (they register unkeyed services): a named engine uses only the stores its
    /// factories create. <see cref="FlowServiceCollectionExtensions.AddFlowRuntime"/> still adds the
    /// unnamed default engine, if the host wants one besides.
    /// </summary>
    public static IServiceCollection AddFlowEngine(this IServiceCollection services, string name, Action<FlowRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new FlowRuntimeOptions();
        configure?.Invoke(options);
        services.AddKeyedSingleton<IInstanceStore>(name, (provider, _) =>
            options.InstanceStoreFactory?.Invoke(provider) ?? new InMemoryInstanceStore(options.InstanceRetention));
        if (options.DeploymentStoreFactory is { } storeFactory)
        {
            services.AddKeyedSingleton<IDeploymentStore>(name, (provider, _) => storeFactory(provider));
        }

        services.AddKeyedSingleton(name, (provider, _) => new DeploymentRegistry(
            options.SharedAssemblies,
            options.HealthCheck,
            type => (IFlowProcess)ActivatorUtilities.CreateInstance(provider, type))
        {
            MakesProcessObjects = true,   // constructor injection only: a type without fields may be reused
            ManifestTrust = ManifestTrust.FromPem(options.TrustedManifestKeys),
            DeploymentStore = options.DeploymentStoreFactory is null ? null : provider.GetRequiredKeyedService<IDeploymentStore>(name),
            NodeId = options.NodeId ?? DeploymentRegistry.NewNodeId(),
            HandlerServices = provider,
        });
        services.AddKeyedSingleton(name, (provider, _) => new FlowEngine(provider.GetRequiredKeyedService<DeploymentRegistry>(name), provider.GetRequiredKeyedService<IInstanceStore>(name))
        {
            Logger = (ILogger?)provider.GetService<ILogger<FlowEngine>>() ?? NullLogger.Instance,
            Limits = options.ExecutionLimits,
            Clock = provider.GetService<TimeProvider>() ?? TimeProvider.System,
            TimerMisfire = options.TimerMisfire,
        });
        services.AddSingleton<IHostedService>(provider => new NamedEngineService(provider, name, options));
        return services;
    }

    /// <summary>One named engine's background work: its log follower, hot deployer and job runner, started in that order.</summary>
    private sealed class NamedEngineService(IServiceProvider provider, string name, FlowRuntimeOptions options) : IHostedService
    {
        private DeploymentLogFollower? _follower;
        private FlowHostedService? _work;

        public async System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken)
        {
            var registry = provider.GetRequiredKeyedService<DeploymentRegistry>(name);
            var engine = provider.GetRequiredKeyedService<FlowEngine>(name);
            if (registry.DeploymentStore is not null)
            {
                _follower = new DeploymentLogFollower(registry, interval: options.DeploymentPollInterval, logger: provider.GetService<ILogger<DeploymentLogFollower>>());
                await _follower.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            var deployer = options.DeploymentRoot is { } root
                ? new HotDeployer(engine, new FileSystemChangeDetector(root), provider.GetService<ILogger<HotDeployer>>())
                : null;
            Flow.Jobs.JobRunner? runner = null;
            if (options.RunJobs && provider.GetRequiredKeyedService<IInstanceStore>(name) is Flow.Jobs.IJobStore jobs)
            {
                runner = new Flow.Jobs.JobRunner(
                    jobs,
                    engine.JobHandlers.Concat(provider.GetServices<Flow.Jobs.IJobHandler>()),
                    engine.Clock,
                    options.Jobs,
                    (ILogger?)provider.GetService<ILogger<Flow.Jobs.JobRunner>>() ?? NullLogger.Instance);
                engine.JobScheduled += due => runner.Wake(due);
            }

            _work = new FlowHostedService(deployer, runner);
            await _work.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        public async System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken)
        {
            if (_work is not null)
            {
                await _work.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_follower is not null)
            {
                await _follower.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
