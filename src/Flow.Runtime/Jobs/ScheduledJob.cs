using System;

namespace Flow.Jobs;

/// <summary>
/// Work due at a time: a timer of an instance, an asynchronous continuation, or a job of no
/// instance (a timer start event). A job of an instance is written with the instance, in the
/// same transaction (<see cref="Flow.Instances.StoredInstance.Jobs"/>), so a command that waits
/// on a timer never commits without its job, and one that leaves the timer never leaves the job.
/// </summary>
/// <param name="Id">Unique across the store; deterministic where the engine can make it so (instance id + node id + occurrence), so saving twice schedules once.</param>
/// <param name="Kind">Which <see cref="IJobHandler"/> runs it (e.g. <c>timer</c>, <c>async-continuation</c>, <c>timer-start</c>).</param>
/// <param name="DueAt">When it may run, in UTC.</param>
public sealed record ScheduledJob(string Id, string Kind, DateTimeOffset DueAt)
{
    /// <summary>The instance the job belongs to; null for a job of no instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The element the job belongs to (the timer event, the activity to continue), if any.</summary>
    public string? NodeId { get; init; }

    /// <summary>Kind-specific data as JSON (e.g. the remaining repetitions of a cycle); null for none.</summary>
    public string? Payload { get; init; }

    /// <summary>How many times running it has failed so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The last failure's message, if any.</summary>
    public string? LastError { get; init; }
}
