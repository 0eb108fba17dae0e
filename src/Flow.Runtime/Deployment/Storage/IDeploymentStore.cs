using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Deployment.Storage;

/// <summary>
/// Deployments in a database shared by the nodes of a cluster: each version's manifest and
/// files (content-addressed: a file's bytes are stored once per SHA-256, however many versions
/// list it) and a log of what happened, which every node applies in order. Deploying on one
/// node appends to the log; the others see it through an <see cref="Flow.Hosting.IChangeDetector"/>
/// over the log and load the version from the store.
/// </summary>
public interface IDeploymentStore
{
    /// <summary>
    /// Saves a version's content (if (name, version) is not stored yet; the same content again is
    /// a no-op, other content under a stored (name, version) is a <see cref="FlowDeploymentException"/>)
    /// and appends <see cref="DeploymentActionKind.Deployed"/>, in one transaction. Returns the log entry.
    /// </summary>
    ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default);

    /// <summary>Appends a rollback or undeploy to the log; returns the entry.</summary>
    ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default);

    /// <summary>Log entries after <paramref name="afterSequence"/>, in order (0: all).</summary>
    ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>A stored version with all its files, or null.</summary>
    ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default);
}
