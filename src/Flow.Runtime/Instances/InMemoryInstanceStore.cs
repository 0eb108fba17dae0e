using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Instances;

/// <summary>Instances in memory, for one process and for tests; revisions are checked as a database would.</summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly Dictionary<string, StoredInstance> _instances = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            return new(_instances.TryGetValue(id, out var instance) ? instance : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            var current = _instances.TryGetValue(instance.Id, out var stored) ? stored.Revision : 0;
            if (current != expectedRevision)
            {
                return new(false);
            }

            _instances[instance.Id] = instance with { Revision = expectedRevision + 1 };
            return new(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            IReadOnlyList<StoredInstance> result = _instances.Values
                .Where(i => query.ProcessKey is null || i.ProcessKey == query.ProcessKey)
                .Where(i => query.DeploymentName is null || i.DeploymentName == query.DeploymentName)
                .Where(i => query.DeploymentVersion is null || i.DeploymentVersion == query.DeploymentVersion)
                .Where(i => query.Status is null || i.Status == query.Status)
                .OrderBy(i => i.Id, StringComparer.Ordinal)
                .ToList();
            return new(result);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            return new(_instances.Remove(id));
        }
    }
}
