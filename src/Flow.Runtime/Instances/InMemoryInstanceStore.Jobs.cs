using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;

namespace Flow.Instances;

/// <summary>
/// The store's jobs: those saved with instances and those of no instance, with leases. Indexed
/// by instance (a save touches only its instance's jobs) and ordered by due time (acquiring and
/// the next due time read from the front), so 100,000 waiting timers cost no scan per call.
/// </summary>
public sealed partial class InMemoryInstanceStore : IJobStore
{
    // Guarded by _gate, like everything else, so an instance and its jobs change together.
    private readonly Dictionary<string, JobEntry> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _jobsByInstance = new(StringComparer.Ordinal);

    // The runnable jobs (held or not), earliest due first; dead jobs are in _jobs only.
    private readonly SortedSet<JobEntry> _due = new(DueOrder.Instance);

    /// <inheritdoc/>
    public ValueTask ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            RemoveJob(job.Id);
            AddJob(job);
        }

        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(RemoveJob(jobId));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<LeasedJob>> AcquireDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_gate)
        {
            var leased = new List<LeasedJob>();
            foreach (var entry in _due)
            {
                if (leased.Count >= max || entry.Job.DueAt > now)
                {
                    break;
                }

                if (entry.Owner is null || entry.LeaseExpiresAt <= now)
                {
                    entry.Owner = owner;
                    entry.LeaseExpiresAt = now + leaseDuration;
                    leased.Add(new LeasedJob(entry.Job, owner, entry.LeaseExpiresAt));
                }
            }

            return new(leased);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(Holds(job) && RemoveJob(job.Job.Id));
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> FailAsync(LeasedJob job, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!Holds(job))
            {
                return new(false);
            }

            var entry = _jobs[job.Job.Id];
            _due.Remove(entry);
            entry.Job = entry.Job with { DueAt = retryAt ?? entry.Job.DueAt, Attempts = entry.Job.Attempts + 1, LastError = error };
            entry.Runnable = retryAt is not null;
            entry.Owner = null;
            if (entry.Runnable)
            {
                _due.Add(entry);
            }

            return new(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(_due.Count == 0 ? null : _due.Min!.Job.DueAt);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ScheduledJob>> ListAsync(string? instanceId = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entries = instanceId is null ? _jobs.Values
                : _jobsByInstance.TryGetValue(instanceId, out var ids) ? ids.Select(id => _jobs[id]) : Enumerable.Empty<JobEntry>();
            IReadOnlyList<ScheduledJob> jobs = entries.Select(e => e.Job).OrderBy(j => j.DueAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
            return new(jobs);
        }
    }

    /// <summary>Makes the instance's jobs exactly <see cref="StoredInstance.Jobs"/>; a job kept by id keeps its lease and attempts.</summary>
    private void ReplaceJobs(StoredInstance instance)
    {
        _jobsByInstance.TryGetValue(instance.Id, out var current);
        if (instance.Jobs.Count == 0 && current is null)
        {
            return;
        }

        if (current is not null)
        {
            RemoveStaleJobs(current, instance.Jobs);
        }

        foreach (var job in instance.Jobs)
        {
            if (!_jobs.ContainsKey(job.Id))
            {
                AddJob(job with { InstanceId = instance.Id });
            }
        }
    }

    /// <summary>The jobs no longer listed (a method of its own: the lambdas over the instance would make a closure on every save).</summary>
    private void RemoveStaleJobs(HashSet<string> current, IReadOnlyList<ScheduledJob> jobs)
    {
        foreach (var stale in current.Where(id => !jobs.Any(j => j.Id == id)).ToList())
        {
            RemoveJob(stale);
        }
    }

    private void RemoveJobsOf(string instanceId)
    {
        if (_jobsByInstance.TryGetValue(instanceId, out var ids))
        {
            foreach (var id in ids.ToList())
            {
                RemoveJob(id);
            }
        }
    }

    private void AddJob(ScheduledJob job)
    {
        var entry = new JobEntry(job);
        _jobs[job.Id] = entry;
        _due.Add(entry);
        if (job.InstanceId is { } instanceId)
        {
            if (!_jobsByInstance.TryGetValue(instanceId, out var ids))
            {
                _jobsByInstance[instanceId] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(job.Id);
        }
    }

    private bool RemoveJob(string jobId)
    {
        if (!_jobs.Remove(jobId, out var entry))
        {
            return false;
        }

        _due.Remove(entry);
        if (entry.Job.InstanceId is { } instanceId && _jobsByInstance.TryGetValue(instanceId, out var ids))
        {
            ids.Remove(jobId);
            if (ids.Count == 0)
            {
                _jobsByInstance.Remove(instanceId);
            }
        }

        return true;
    }

    private bool Holds(LeasedJob job) =>
        _jobs.TryGetValue(job.Job.Id, out var entry) && entry.Owner == job.Owner && entry.LeaseExpiresAt == job.LeaseExpiresAt;

    private sealed class JobEntry(ScheduledJob job)
    {
        public ScheduledJob Job { get; set; } = job;

        public bool Runnable { get; set; } = true;

        public string? Owner { get; set; }

        public DateTimeOffset LeaseExpiresAt { get; set; }
    }

    /// <summary>Due time, then id: unique, since ids are.</summary>
    private sealed class DueOrder : IComparer<JobEntry>
    {
        public static readonly DueOrder Instance = new();

        public int Compare(JobEntry? x, JobEntry? y)
        {
            var byDue = x!.Job.DueAt.UtcTicks.CompareTo(y!.Job.DueAt.UtcTicks);
            return byDue != 0 ? byDue : string.CompareOrdinal(x.Job.Id, y.Job.Id);
        }
    }
}
