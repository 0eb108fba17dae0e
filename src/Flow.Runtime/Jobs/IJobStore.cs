using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Jobs;

/// <summary>
/// Due work with leases: the scheduler's storage. A durable store implements it on the same
/// database as its instances (jobs of instances are written by <see cref="Flow.Instances.IInstanceStore.TrySaveAsync"/>
/// from <see cref="Flow.Instances.StoredInstance.Jobs"/>); <see cref="Flow.Instances.InMemoryInstanceStore"/>
/// implements it in memory.
/// </summary>
public interface IJobStore
{
    /// <summary>Adds or replaces (by id) a job of no instance, such as a timer start event's.</summary>
    ValueTask ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default);

    /// <summary>Removes a job whoever holds it; false when there was none.</summary>
    ValueTask<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases to <paramref name="owner"/> up to <paramref name="max"/> jobs due at or before
    /// <paramref name="now"/> that nobody holds (or whose lease has expired), earliest due first,
    /// until <paramref name="now"/> + <paramref name="leaseDuration"/>. Two owners asking at once
    /// never get the same job.
    /// </summary>
    ValueTask<IReadOnlyList<LeasedJob>> AcquireDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken = default);

    /// <summary>The job ran: removes it if <paramref name="job"/>'s owner still holds it (false otherwise; a job its instance's save already removed is also false).</summary>
    ValueTask<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// The job failed: releases the lease, counts the attempt and records <paramref name="error"/>;
    /// it is due again at <paramref name="retryAt"/>, or never (kept, for an operator to see) when null.
    /// False if the owner no longer holds it.
    /// </summary>
    ValueTask<bool> FailAsync(LeasedJob job, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken = default);

    /// <summary>The earliest due time of any job that can run (held or not), so a runner sleeps until then; null when none.</summary>
    ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Jobs, optionally of one instance, earliest due first (for operators and tests).</summary>
    ValueTask<IReadOnlyList<ScheduledJob>> ListAsync(string? instanceId = null, CancellationToken cancellationToken = default);
}
