using System;

namespace Flow.Engine;

/// <summary>
/// What an instance waits for that no one completes: a job of it (a timer, an asynchronous
/// continuation), where and when it runs and how its attempts went, so an operator sees where
/// an instance stands that waits at no task (<see cref="InstanceSnapshot.Jobs"/>).
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind"><c>timer</c> or <c>async-continuation</c> (or another handler's kind).</param>
/// <param name="NodeId">The element it belongs to: the timer event, the activity to continue.</param>
/// <param name="DueAt">When it runs (after a failed attempt: when it runs again), in UTC.</param>
/// <param name="Attempts">How many times running it has failed so far.</param>
/// <param name="MaxAttempts">How many attempts it has in all (an async continuation's retries); null when it is not retried by count.</param>
/// <param name="LastError">The last failure's message, if any.</param>
public sealed record JobWait(string JobId, string Kind, string? NodeId, DateTimeOffset DueAt, int Attempts, int? MaxAttempts, string? LastError)
{
    /// <summary>The attempt it runs as next, from 1.</summary>
    public int NextAttempt => Attempts + 1;
}
