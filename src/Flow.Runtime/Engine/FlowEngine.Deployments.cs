using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flow.Engine;

/// <summary>The deployment side of the engine: deploy, rollback, undeploy and the instance strategies every activation applies.</summary>
public sealed partial class FlowEngine
{
    /// <summary>Where the engine logs what it cannot throw (an instance its strategy could not move).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>An instance that its key's strategy could not abort or migrate (it stays on its version, as it was).</summary>
    public event Action<InstanceStrategyFailure>? StrategyFailed;

    /// <summary>Sets what happens to running instances of <paramref name="key"/> whenever another version becomes latest for it (deploy, rollback, redeploy).</summary>
    public void SetStrategy(string key, KeyStrategy strategy) => _strategies[key] = strategy;

    /// <summary>Deploys folders (all or none); each key's instance strategy is applied to the versions that went live.</summary>
    public async Task<IReadOnlyList<DeployedVersion>> DeployAsync(IReadOnlyList<string> folders, CancellationToken cancellationToken = default)
    {
        using var activity = FlowTelemetry.Source.StartActivity("flow.deploy");
        return await _registry.DeployAllAsync(folders, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes an earlier version of a deployment latest again (from the bytes it captured when it
    /// was deployed) and applies each key's instance strategy, as a deployment does.
    /// </summary>
    public Task<DeployedVersion> RollbackAsync(string name, int version, CancellationToken cancellationToken = default) =>
        RollbackAsync(name, version, tenantId: null, cancellationToken);

    /// <summary>As <see cref="RollbackAsync(string, int, CancellationToken)"/>, for the deployment of <paramref name="tenantId"/> (null: without tenant).</summary>
    public async Task<DeployedVersion> RollbackAsync(string name, int version, string? tenantId, CancellationToken cancellationToken = default)
    {
        using var activity = FlowTelemetry.Source.StartActivity("flow.rollback");
        return await _registry.RollbackAsync(name, version, tenantId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Undeploys a deployment: its keys stop resolving; the instances of its live version are
    /// deleted when that version's manifest says deleteUponUndeploy (instances of earlier versions
    /// stay, as Camunda deletes only the undeployed deployment), else they stay (and keep their
    /// version loaded). Stored content stays (for rollback and the deployment store's log).
    /// Deploying the same content again makes it live again.
    /// </summary>
    public Task UndeployAsync(string name, CancellationToken cancellationToken = default) => UndeployAsync(name, tenantId: null, cancellationToken);

    /// <summary>As <see cref="UndeployAsync(string, CancellationToken)"/>, for the deployment of <paramref name="tenantId"/> (null: without tenant).</summary>
    public async Task UndeployAsync(string name, string? tenantId, CancellationToken cancellationToken = default)
    {
        var latest = _registry.Versions.Where(v => v.Name == name && v.TenantId == tenantId).OrderByDescending(v => v.Activation).FirstOrDefault()
            ?? throw FlowDeploymentException.UnknownVersion($"No deployment named '{name}'" + (tenantId is null ? "." : $" for tenant '{tenantId}'."));
        var keys = latest.Manifest.Processes.Select(p => p.Key).ToList();   // read before undeploying: unloading forgets the types
        await _registry.UndeployAsync(name, tenantId, cancellationToken).ConfigureAwait(false);
        await CancelStartTimersAsync(keys, tenantId, cancellationToken).ConfigureAwait(false);
        if (latest.Manifest.Settings.DeleteUponUndeploy)
        {
            // Camunda deletes the undeployed deployment with cascade: its own instances, not those of earlier versions.
            await foreach (var instance in InBatchesAsync(new InstanceQuery(DeploymentName: name, DeploymentVersion: latest.Version), cancellationToken).ConfigureAwait(false))
            {
                if (instance.TenantId != tenantId)
                {
                    continue;
                }

                await _store.DeleteAsync(instance.Id, cancellationToken).ConfigureAwait(false);
                Unhold(instance.Id);
            }
        }
    }

    /// <summary>
    /// Called by the registry after every activation, for the keys the version became latest
    /// for. An instance the strategy cannot move is left as it was and reported (event and log).
    /// </summary>
    private async Task ApplyStrategiesAsync(DeployedVersion live, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            if (!_strategies.TryGetValue(key, out var strategy) || strategy.Strategy == InstanceStrategy.Proceed)
            {
                continue;
            }

            // An ended instance (also one failed by an error end) stays as it ended: nothing to move.
            // Only the activated version's tenant's instances (or those without tenant): another tenant's keep their version.
            await foreach (var instance in InBatchesAsync(new InstanceQuery(ProcessKey: key), cancellationToken).ConfigureAwait(false))
            {
                if (instance.Ended || instance.Status is not (InstanceStatus.Waiting or InstanceStatus.Running or InstanceStatus.Failed)
                    || instance.TenantId != live.TenantId
                    || (instance.DeploymentName == live.Name && instance.DeploymentVersion == live.Version))
                {
                    continue;
                }

                try
                {
                    if (strategy.Strategy == InstanceStrategy.Abort)
                    {
                        await AbortAsync(instance.Id, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await MigrateAsync(instance.Id, strategy.NodeMapping, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    ReportStrategyFailure(new InstanceStrategyFailure(
                        instance.Id, key, instance.DeploymentName, instance.DeploymentVersion, live.Version, strategy.Strategy,
                        FlowDeploymentException.StrategyFailed(instance.Id, key, live.ToString(), strategy.Strategy.ToString(), ex)));
                }
            }
        }
    }

    private void ReportStrategyFailure(InstanceStrategyFailure failure)
    {
        Logger.LogWarning(failure.Error, "{Id}: instance {Instance} of {Key} stays on {Deployment} v{From}: {Reason}",
            failure.Error.Id, failure.InstanceId, failure.ProcessKey, failure.DeploymentName, failure.FromVersion, failure.Error.InnerException?.Message);
        StrategyFailed?.Invoke(failure);
    }
}
