using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;

namespace Flow.Instances;

/// <summary>The store's jobs: those saved with instances and those of no instance, with leases.</summary>
public sealed partial class InMemoryInstanceStore : IJobStore
{
    // Guarded by _instances, like everything else, so an instance and its jobs change together.
    private readonly Dictionary<string, JobEntry> _jobs = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_instances)
        {
            _jobs[job.Id] = new JobEntry(job);
        }

        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            return new(_jobs.Remove(jobId));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<LeasedJob>> AcquireDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_instances)
        {
            var leased = new List<LeasedJob>();
            foreach (var entry in _jobs.Values.Where(e => e.Runnable && e.Job.DueAt <= now && (e.Owner is null || e.LeaseExpiresAt <= now))
                         .OrderBy(e => e.Job.DueAt).ThenBy(e => e.Job.Id, StringComparer.Ordinal).Take(max).ToList())
            {
                entry.Owner = owner;
                entry.LeaseExpiresAt = now + leaseDuration;
                leased.Add(new LeasedJob(entry.Job, owner, entry.LeaseExpiresAt));
            }

            return new(leased);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            return new(Holds(job) && _jobs.Remove(job.Job.Id));
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> FailAsync(LeasedJob job, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            if (!Holds(job))
            {
                return new(false);
            }

            var entry = _jobs[job.Job.Id];
            entry.Job = entry.Job with { DueAt = retryAt ?? entry.Job.DueAt, Attempts = entry.Job.Attempts + 1, LastError = error };
            entry.Runnable = retryAt is not null;
            entry.Owner = null;
            return new(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            return new(_jobs.Values.Where(e => e.Runnable).Select(e => (DateTimeOffset?)e.Job.DueAt).Min());
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ScheduledJob>> ListAsync(string? instanceId = null, CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            IReadOnlyList<ScheduledJob> jobs = _jobs.Values.Select(e => e.Job)
                .Where(j => instanceId is null || j.InstanceId == instanceId)
                .OrderBy(j => j.DueAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
            return new(jobs);
        }
    }

    /// <summary>Makes the instance's jobs exactly <see cref="StoredInstance.Jobs"/>; a job kept by id keeps its lease and attempts.</summary>
    private void ReplaceJobs(StoredInstance instance)
    {
        if (instance.Jobs.Count == 0 && _jobs.Count == 0)
        {
            return;   // the common case, without the lookups below (they allocate per save)
        }

        var wanted = instance.Jobs.ToDictionary(j => j.Id, StringComparer.Ordinal);
        foreach (var stale in _jobs.Values.Where(e => e.Job.InstanceId == instance.Id && !wanted.ContainsKey(e.Job.Id)).Select(e => e.Job.Id).ToList())
        {
            _jobs.Remove(stale);
        }

        foreach (var job in wanted.Values)
        {
            if (!_jobs.ContainsKey(job.Id))
            {
                _jobs[job.Id] = new JobEntry(job with { InstanceId = instance.Id });
            }
        }
    }

    private void RemoveJobsOf(string instanceId)
    {
        if (_jobs.Count == 0)
        {
            return;
        }

        foreach (var id in _jobs.Values.Where(e => e.Job.InstanceId == instanceId).Select(e => e.Job.Id).ToList())
        {
            _jobs.Remove(id);
        }
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
}
