using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment.Storage;

namespace Flow.Deployment;

/// <summary>
/// The cluster side of the registry: what this node deploys, rolls back or undeploys is written
/// to a shared <see cref="IDeploymentStore"/> and its log, and what other nodes did is applied
/// from the log in order (<see cref="Flow.Hosting.DeploymentLogFollower"/> calls <see cref="ApplyAsync"/>).
/// </summary>
/// <remarks>
/// Order of a deployment made here: verify, load and health-check; then save to the store (the
/// log entry); then activate. A deployment that fails before saving never enters the log; one
/// whose save fails is not activated (FLOW6142). The registry remembers the last log entry it
/// has applied; an entry this node appended counts as applied when it directly follows that
/// one, so its own actions are applied once. When other nodes' entries came in between, the
/// follower applies them and then this node's entry again, in log order, so every node ends on
/// the same latest versions.
/// </remarks>
public sealed partial class DeploymentRegistry
{
    private long _appliedSequence;

    /// <summary>
    /// The deployments store shared by the nodes of a cluster; null (default): deployments stay
    /// on this node. With a store, deploy, rollback and undeploy are written to it (see remarks).
    /// </summary>
    public IDeploymentStore? DeploymentStore { get; init; }

    /// <summary>How this node signs its log entries (default: machine name, process id and a random part).</summary>
    public string NodeId { get; init; } = NewNodeId();

    /// <summary>The sequence of the last entry of the store's log that this registry has applied (0: none).</summary>
    public long AppliedLogSequence => Interlocked.Read(ref _appliedSequence);

    /// <summary>
    /// Applies one entry of the store's log (in order; an entry at or below
    /// <see cref="AppliedLogSequence"/> is skipped): Deployed loads the version from the store and
    /// deploys it (same verification as a folder), RolledBack rolls back, Undeployed undeploys.
    /// Nothing is written back to the log, and instance strategies do not run (the node that made
    /// the change ran them on the shared instances). A deployment that is refused (a tampered
    /// blob, a failed health check) is a Failed event and the entry counts as applied; a store
    /// that cannot be read (FLOW6144) throws and the entry stays pending. Returns whether it applied.
    /// </summary>
    internal async Task<bool> ApplyAsync(DeploymentAction action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (action.Sequence <= AppliedLogSequence)
            {
                return false;
            }

            try
            {
                switch (action.Kind)
                {
                    case DeploymentActionKind.Deployed:
                        var store = DeploymentStore ?? throw new InvalidOperationException("The registry has no deployment store.");
                        var stored = await LoadStoredAsync(store, action.Name, action.Version, cancellationToken).ConfigureAwait(false)
                            ?? throw Failed(action.Name, action.Version, StoredSource.StoredLabel(action.Name, action.Version),
                                FlowDeploymentException.StoredMissing(action.Name, action.Version, $"log entry {action.Sequence} names it"));
                        await DeployLockedAsync(new DeploymentSource[] { new StoredSource(stored) }, fromLog: true, cancellationToken).ConfigureAwait(false);
                        break;
                    case DeploymentActionKind.RolledBack:
                        await RollbackLockedAsync(action.Name, action.Version, fromLog: true, cancellationToken).ConfigureAwait(false);
                        break;
                    case DeploymentActionKind.Undeployed:
                        await UndeployLockedAsync(action.Name, fromLog: true, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
            catch (FlowDeploymentException ex) when (ex.Id != StoreUnreadableId)
            {
                // Reported as a Failed event where it was thrown; this entry is done with.
            }

            Interlocked.Exchange(ref _appliedSequence, action.Sequence);
            return true;
        }
        finally
        {
            _gate.Release();
            UnloadUnused();
        }
    }

    /// <summary>A node id: machine name, process id and a random part (two registries in one process differ).</summary>
    internal static string NewNodeId() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    private const string StoreUnreadableId = "FLOW6144";

    /// <summary>Saves each version about to go live (caller holds the gate); null without a store.</summary>
    private async Task<List<DeploymentAction>?> PublishDeployedAsync(IReadOnlyList<DeployedVersion> versions, CancellationToken cancellationToken)
    {
        if (DeploymentStore is not { } store)
        {
            return null;
        }

        var actions = new List<DeploymentAction>();
        foreach (var version in versions)
        {
            try
            {
                actions.Add(await store.SaveAsync(StoredSource.From(version.Content), NodeId, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw Failed(version.Name, version.Version, version.Folder, ex as FlowDeploymentException ?? FlowDeploymentException.PublishFailed(version.Name, version.Version, ex));
            }
        }

        return actions;
    }

    /// <summary>Appends a rollback or undeploy (caller holds the gate); null without a store.</summary>
    private async Task<DeploymentAction?> PublishAsync(DeploymentActionKind kind, string name, int version, string? label, CancellationToken cancellationToken)
    {
        if (DeploymentStore is not { } store)
        {
            return null;
        }

        try
        {
            return await store.AppendAsync(kind, name, version, NodeId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Failed(name, version, label, ex as FlowDeploymentException ?? FlowDeploymentException.PublishFailed(name, version, ex));
        }
    }

    /// <summary>Own entries that directly follow the last applied one count as applied (caller holds the gate).</summary>
    private void MarkApplied(IEnumerable<DeploymentAction>? actions)
    {
        foreach (var action in (actions ?? Enumerable.Empty<DeploymentAction>()).OrderBy(a => a.Sequence))
        {
            if (action.Sequence == AppliedLogSequence + 1)
            {
                Interlocked.Exchange(ref _appliedSequence, action.Sequence);
            }
        }
    }

    /// <summary>A stored version, or null; a store that cannot be read is FLOW6144 (reported as a Failed event).</summary>
    private async Task<StoredDeployment?> LoadStoredAsync(IDeploymentStore store, string name, int version, CancellationToken cancellationToken)
    {
        try
        {
            return await store.LoadAsync(name, version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not FlowDeploymentException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Failed(name, version, StoredSource.StoredLabel(name, version), FlowDeploymentException.StoreUnreadable(ex));
        }
    }
}
