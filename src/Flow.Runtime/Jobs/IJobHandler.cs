using System.Threading;
using System.Threading.Tasks;

namespace Flow.Jobs;

/// <summary>Runs the jobs of one <see cref="ScheduledJob.Kind"/>; the job runner calls it with a job it holds.</summary>
public interface IJobHandler
{
    /// <summary>The kind this handler runs.</summary>
    string Kind { get; }

    /// <summary>
    /// Runs the job. Returning normally completes it (a handler that saved the job's instance
    /// without the job has already removed it); throwing fails it and the runner retries it later.
    /// </summary>
    ValueTask RunAsync(LeasedJob job, CancellationToken cancellationToken);
}
