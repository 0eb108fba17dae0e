using System;

namespace Flow.Jobs;

/// <summary>
/// A due job one node holds until <see cref="LeaseExpiresAt"/>: no other node acquires it
/// before then. A node that dies loses the lease when it expires and another node runs the job;
/// what the job changes is guarded by the instance's revision, so it is applied once.
/// </summary>
public sealed record LeasedJob(ScheduledJob Job, string Owner, DateTimeOffset LeaseExpiresAt);
