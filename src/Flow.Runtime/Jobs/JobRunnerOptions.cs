using System;

namespace Flow.Jobs;

/// <summary>How a <see cref="JobRunner"/> leases, retries and sleeps.</summary>
public sealed class JobRunnerOptions
{
    /// <summary>This node's owner id in leases (default: machine name, process id and a random part, so two runners never share one).</summary>
    public string Owner { get; set; } = Environment.MachineName + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

    /// <summary>How long an acquired job is this node's; a node that dies loses it after this (default 5 minutes).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many due jobs one acquisition leases (default 64).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Attempts before a failing job is kept dead (FLOW6161; default 3).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles with each attempt (default 10 seconds).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between retries (default 1 hour).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest sleep without looking at the store (default 30 seconds): another node may
    /// schedule jobs this one hears nothing of, and a job another node holds may come free.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before a retry after <paramref name="attempts"/> failed attempts.</summary>
    public TimeSpan RetryAfter(int attempts)
    {
        var delay = RetryDelay;
        for (var i = 1; i < attempts && delay < MaxRetryDelay; i++)
        {
            delay += delay;
        }

        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

/// <summary>A job that failed its last allowed attempt (or that no handler runs): kept in the store, not run again.</summary>
/// <param name="Job">The job as it was when it last failed.</param>
/// <param name="ErrorId">FLOW6161 (attempts used up) or FLOW6162 (no handler).</param>
/// <param name="Error">Why it failed last.</param>
public sealed record DeadJob(ScheduledJob Job, string ErrorId, string Error);
