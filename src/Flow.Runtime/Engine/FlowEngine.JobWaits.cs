using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Flow.Instances;
using Flow.Jobs;

namespace Flow.Engine;

/// <summary>
/// The jobs an instance waits on, as the job store has them now (due time, attempts, last error):
/// an instance waiting only at an async continuation or a timer shows where and why.
/// </summary>
public sealed partial class FlowEngine
{
    /// <summary>
    /// The jobs of instance <paramref name="instanceId"/> (timers, async continuations), earliest
    /// due first; empty when it has none or the store keeps no jobs.
    /// </summary>
    public async Task<IReadOnlyList<JobWait>> JobWaitsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIdArgument.Check(instanceId);
        if (JobStore is not { } jobs)
        {
            return Array.Empty<JobWait>();
        }

        var listed = await jobs.ListAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (listed.Count == 0)
        {
            return Array.Empty<JobWait>();
        }

        var waits = new JobWait[listed.Count];
        for (var i = 0; i < waits.Length; i++)
        {
            waits[i] = Wait(listed[i]);
        }

        return waits;
    }

    /// <summary>An instance's jobs for its snapshot: only asked of the store while it has not ended.</summary>
    private async ValueTask<IReadOnlyList<JobWait>> JobWaitsOfAsync(StoredInstance stored, CancellationToken cancellationToken) =>
        stored.Ended || JobStore is null ? Array.Empty<JobWait>() : await JobWaitsAsync(stored.Id, cancellationToken).ConfigureAwait(false);

    private static JobWait Wait(ScheduledJob job) =>
        new(job.Id, job.Kind, job.NodeId, job.DueAt, job.Attempts,
            job.Kind == ContinuationState.JobKind ? AsyncJobPayload.Read(job.Payload).Attempts : null, job.LastError);
}
