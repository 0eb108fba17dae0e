using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Instances;

/// <summary>
/// Where instances live between calls. Narrow and transactional in shape so that SQLite and
/// PostgreSQL stores can implement it: load, save with an expected revision, query, delete.
/// </summary>
public interface IInstanceStore
{
    /// <summary>The instance, or null.</summary>
    ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="instance"/> if the stored revision is still <paramref name="expectedRevision"/>
    /// (0 for a new instance); the saved copy has revision expectedRevision + 1. False when someone
    /// else saved first: reload and decide again.
    /// </summary>
    ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>Instances matching every given filter, ordered by id.</summary>
    ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes an instance; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>A filter over stored instances; null fields match everything.</summary>
public sealed record InstanceQuery(string? ProcessKey = null, string? DeploymentName = null, int? DeploymentVersion = null, InstanceStatus? Status = null)
{
    /// <summary>Only instances of this tenant (<see cref="StoredInstance.TenantId"/>); null: of every tenant and none.</summary>
    public string? TenantId { get; init; }

    /// <summary>Only instances with a matching subscription (see <see cref="SubscriptionFilter"/>).</summary>
    public SubscriptionFilter? Subscribed { get; init; }
}
