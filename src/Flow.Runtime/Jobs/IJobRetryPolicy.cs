using System;

namespace Flow.Jobs;

/// <summary>
/// Implemented by an <see cref="IJobHandler"/> whose jobs carry their own retries and priority
/// (asynchronous continuations: camunda:failedJobRetryTimeCycle, camunda:jobPriority); the
/// <see cref="JobRunner"/> asks it instead of its <see cref="JobRunnerOptions"/>.
/// </summary>
public interface IJobRetryPolicy
{
    /// <summary>Attempts before the job is kept dead (counting the first).</summary>
    int MaxAttempts(ScheduledJob job);

    /// <summary>The wait after <paramref name="failedAttempts"/> failures; null for the runner's own doubling delay.</summary>
    TimeSpan? RetryDelay(ScheduledJob job, int failedAttempts);

    /// <summary>Among jobs acquired together, higher runs first (default 0).</summary>
    int Priority(ScheduledJob job);
}
