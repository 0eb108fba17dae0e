using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;

namespace Flow.Instances;

/// <summary>
/// Instances in memory, for one process and for tests; revisions are checked as a database would.
/// Ended instances are kept under an <see cref="InstanceRetention"/> (by default the latest
/// 10,000), so memory stays bounded however many instances run. Jobs of instances are saved
/// with them; the store is also their <see cref="IJobStore"/> (partial file).
/// </summary>
public sealed partial class InMemoryInstanceStore : IInstanceStore
{
    private readonly Dictionary<string, Entry> _instances = new(StringComparer.Ordinal);

    // Ended instances, oldest-ended first: retention removes from the front.
    private readonly LinkedList<string> _ended = new();
    private readonly InstanceRetention _retention;
    private readonly TimeProvider _time;

    /// <summary>A store with the default retention.</summary>
    public InMemoryInstanceStore()
        : this(InstanceRetention.Default)
    {
    }

    /// <summary>A store that keeps ended instances as <paramref name="retention"/> says (clock: <paramref name="time"/>).</summary>
    public InMemoryInstanceStore(InstanceRetention retention, TimeProvider? time = null)
    {
        _retention = retention ?? throw new ArgumentNullException(nameof(retention));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many instances are stored now.</summary>
    public int Count
    {
        get
        {
            lock (_instances)
            {
                return _instances.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            return new(_instances.TryGetValue(id, out var entry) ? entry.Instance : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            _instances.TryGetValue(instance.Id, out var entry);
            if ((entry?.Instance.Revision ?? 0) != expectedRevision)
            {
                return new(false);
            }

            // The engine gives the next revision and its end time already: then the record is kept as given (it is immutable).
            DateTimeOffset? endedAt = instance.Ended ? instance.EndedAt ?? entry?.Instance.EndedAt ?? _time.GetUtcNow() : null;
            var saved = instance.Revision == expectedRevision + 1 && instance.EndedAt == endedAt
                ? instance
                : instance with { Revision = expectedRevision + 1, EndedAt = endedAt };
            if (entry is null)
            {
                entry = new Entry(saved);
                _instances[instance.Id] = entry;
            }
            else
            {
                entry.Instance = saved;
            }

            if (saved.Ended && entry.EndedNode is null)
            {
                entry.EndedNode = _ended.AddLast(saved.Id);
            }
            else if (!saved.Ended && entry.EndedNode is not null)
            {
                _ended.Remove(entry.EndedNode);
                entry.EndedNode = null;
            }

            ReplaceJobs(saved);
            ApplyRetention();
            return new(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            ApplyRetention();
            IReadOnlyList<StoredInstance> result = _instances.Values
                .Select(e => e.Instance)
                .Where(i => query.ProcessKey is null || i.ProcessKey == query.ProcessKey)
                .Where(i => query.DeploymentName is null || i.DeploymentName == query.DeploymentName)
                .Where(i => query.DeploymentVersion is null || i.DeploymentVersion == query.DeploymentVersion)
                .Where(i => query.Status is null || i.Status == query.Status)
                .Where(i => query.TenantId is null || i.TenantId == query.TenantId)
                .Where(i => query.Subscribed is null || i.Subscriptions.Any(s => Matches(s, query.Subscribed)))
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
            if (!_instances.Remove(id, out var entry))
            {
                return new(false);
            }

            if (entry.EndedNode is not null)
            {
                _ended.Remove(entry.EndedNode);
            }

            RemoveJobsOf(id);
            return new(true);
        }
    }

    /// <summary>Removes ended instances beyond the count, then those ended longer ago than the retention time.</summary>
    private void ApplyRetention()
    {
        while (_ended.Count > _retention.MaxEnded)
        {
            RemoveOldestEnded();
        }

        if (_retention.KeepEndedFor is { } keep)
        {
            var cutoff = _time.GetUtcNow() - keep;
            while (_ended.First is { } oldest && _instances[oldest.Value].Instance.EndedAt < cutoff)
            {
                RemoveOldestEnded();
            }
        }
    }

    private void RemoveOldestEnded()
    {
        var id = _ended.First!.Value;
        _ended.RemoveFirst();
        _instances.Remove(id);
        RemoveJobsOf(id);
    }

    /// <summary>A message subscription without a key matches any key; a filter without a key matches any subscription of the name.</summary>
    private static bool Matches(EventSubscription subscription, SubscriptionFilter filter) =>
        subscription.Kind == filter.Kind
        && subscription.Name == filter.Name
        && (filter.CorrelationKey is null || subscription.CorrelationKey is null || subscription.CorrelationKey == filter.CorrelationKey);

    private sealed class Entry(StoredInstance instance)
    {
        public StoredInstance Instance { get; set; } = instance;

        public LinkedListNode<string>? EndedNode { get; set; }
    }
}
