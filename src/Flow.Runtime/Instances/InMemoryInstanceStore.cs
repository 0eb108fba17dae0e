using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;

namespace Flow.Instances;

/// <summary>
/// Instances in memory, for one process and for tests; revisions are checked as a database would.
/// Ended instances are kept under an <see cref="InstanceRetention"/> (by default the latest
/// 10,000), so memory stays bounded however many instances run; they are kept compact (see
/// <see cref="EndedInstances"/>), so keeping them costs the GC little. Jobs of instances are saved
/// with them; the store is also their <see cref="IJobStore"/> (partial file).
/// </summary>
public sealed partial class InMemoryInstanceStore : IInstanceStore
{
    // Guards everything below and the jobs. A System.Threading.Lock where there is one: its enter and exit stay in
    // managed code under contention, where a Monitor, once two callers had met, went through the runtime's sync block.
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif

    // Instances that have not ended. Ended ones are in _ended, oldest-ended first: retention removes from the front.
    private readonly Dictionary<string, StoredInstance> _instances = new(StringComparer.Ordinal);
    private readonly EndedInstances _ended = new();
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
            lock (_gate)
            {
                return _instances.Count + _ended.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(_instances.TryGetValue(id, out var instance) ? instance : _ended.TryFind(id, out var ended) ? _ended.Load(ended) : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
    {
        // An ending's state is written before the lock (the copy it is written from never changes), so the lock is held for the bookkeeping only.
        using var prepared = _ended.Prepare(instance);
        lock (_gate)
        {
            // One lookup finds a running instance and, when there is none, adds the entry a start fills in; the entry is
            // removed again when this save does not leave a running instance there (placeholder, see finally).
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_instances, instance.Id, out var running);
            var placeholder = !running;
            try
            {
                var current = entry;
                var endedSequence = 0L;
                var ended = !running && _ended.TryFind(instance.Id, out endedSequence);
                var revision = running ? current!.Revision : ended ? _ended.RevisionOf(endedSequence) : 0;
                if (revision != expectedRevision)
                {
                    return new(false);
                }

                // The engine gives the next revision and its end time already: then the record is kept as given (it is immutable).
                var previousEnd = running ? current!.EndedAt : ended ? _ended.EndedAtOf(endedSequence) : null;
                DateTimeOffset? endedAt = instance.Ended ? instance.EndedAt ?? previousEnd ?? _time.GetUtcNow() : null;
                var saved = instance.Revision == expectedRevision + 1 && instance.EndedAt == endedAt
                    ? instance
                    : instance with { Revision = expectedRevision + 1, EndedAt = endedAt };
                if (!saved.Ended)
                {
                    if (ended)
                    {
                        _ended.Remove(saved.Id);
                    }

                    entry = saved;   // no other change to _instances since the lookup, so the reference still points at its entry
                    placeholder = false;
                }
                else if (ended)
                {
                    _ended.Replace(endedSequence, saved, prepared);   // still ended: it keeps its place in the line
                }
                else
                {
                    if (running)
                    {
                        _instances.Remove(saved.Id);
                    }

                    _ended.Add(saved, prepared);       // it ends now: the end of the line
                }

                if (_jobsByInstance.Count != 0 || saved.Jobs.Count != 0)
                {
                    ReplaceJobs(saved);
                }

                ApplyRetention();
                return new(true);
            }
            finally
            {
                if (placeholder)
                {
                    _instances.Remove(instance.Id);
                }
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            ApplyRetention();
            if (query.Limit is { } limit)
            {
                return new(QueryPage(query, limit));
            }

            IEnumerable<StoredInstance> matching = _instances.Values
                .Where(i => Matches(query, i))
                .Concat(_ended.Where(query))
                .OrderBy(i => i.Id, StringComparer.Ordinal);
            if (query.AfterId is { } after)
            {
                matching = matching.Where(i => string.CompareOrdinal(i.Id, after) > 0);
            }

            IReadOnlyList<StoredInstance> result = matching.Skip(query.Offset ?? 0).ToList();
            return new(result);
        }
    }

    /// <inheritdoc/>
    public ValueTask<int> CountAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            ApplyRetention();
            var count = 0;
            foreach (var instance in _instances.Values)
            {
                count += Matches(query, instance) ? 1 : 0;
            }

            return new(count + _ended.CountWhere(query));
        }
    }

    /// <summary>
    /// One page: the first offset + limit matching ids are kept in a bounded heap, and only the page's
    /// ended instances are made into records, so a page of a large store costs the page, not the store.
    /// </summary>
    private List<StoredInstance> QueryPage(InstanceQuery query, int limit)
    {
        var keep = (int)Math.Min((long)(query.Offset ?? 0) + limit, int.MaxValue);
        var first = new PriorityQueue<PageCandidate, string>(Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a)));   // largest id on top
        void Offer(PageCandidate candidate)
        {
            if (query.AfterId is { } after && string.CompareOrdinal(candidate.Id, after) <= 0)
            {
                return;
            }

            if (first.Count < keep)
            {
                first.Enqueue(candidate, candidate.Id);
            }
            else if (string.CompareOrdinal(candidate.Id, first.Peek().Id) < 0)
            {
                first.DequeueEnqueue(candidate, candidate.Id);
            }
        }

        foreach (var instance in _instances.Values)
        {
            if (Matches(query, instance))
            {
                Offer(new(instance.Id, instance, 0));
            }
        }

        _ended.ForEachMatch(query, (id, full, sequence) => Offer(new(id, full, sequence)));
        var page = new List<PageCandidate>(first.Count);
        while (first.Count > 0)
        {
            page.Add(first.Dequeue());
        }

        page.Reverse();
        return page.Skip(query.Offset ?? 0).Select(c => c.Instance ?? _ended.Load(c.Sequence)).ToList();
    }

    /// <summary>A matching instance of a page: the record, or the place of a compact ended one (made into a record only if it is on the page).</summary>
    private readonly record struct PageCandidate(string Id, StoredInstance? Instance, long Sequence);

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.Remove(id) && !_ended.Remove(id))
            {
                return new(false);
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
            while (_ended.TryPeekOldest(out var endedAt) && endedAt < cutoff)
            {
                RemoveOldestEnded();
            }
        }
    }

    private void RemoveOldestEnded()
    {
        if (_ended.RemoveOldest(anyJobs: _jobsByInstance.Count > 0) is { } id)
        {
            RemoveJobsOf(id);
        }
    }

    /// <summary>Whether an instance's columns match a query (all but its subscriptions).</summary>
    internal static bool Matches(InstanceQuery query, string processKey, string deploymentName, int deploymentVersion, InstanceStatus status, string? tenantId) =>
        (query.ProcessKey is null || processKey == query.ProcessKey)
        && (query.DeploymentName is null || deploymentName == query.DeploymentName)
        && (query.DeploymentVersion is null || deploymentVersion == query.DeploymentVersion)
        && (query.Status is null || status == query.Status)
        && (query.TenantId is null || tenantId == query.TenantId);

    /// <summary>Whether an instance matches a query.</summary>
    internal static bool Matches(InstanceQuery query, StoredInstance instance) =>
        Matches(query, instance.ProcessKey, instance.DeploymentName, instance.DeploymentVersion, instance.Status, instance.TenantId)
        && (query.Subscribed is null || instance.Subscriptions.Any(s => Matches(s, query.Subscribed)));

    /// <summary>A message subscription without a key matches any key; a filter without a key matches any subscription of the name.</summary>
    private static bool Matches(EventSubscription subscription, SubscriptionFilter filter) =>
        subscription.Kind == filter.Kind
        && subscription.Name == filter.Name
        && (filter.CorrelationKey is null || subscription.CorrelationKey is null || subscription.CorrelationKey == filter.CorrelationKey);
}
