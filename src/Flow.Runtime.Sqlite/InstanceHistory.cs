using System;

namespace Flow.Instances;

/// <summary>An ended instance as history: the instance and when it was created, last saved and ended (UTC).</summary>
public sealed record InstanceHistoryEntry(StoredInstance Instance, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset EndedAt);

/// <summary>
/// A filter over ended instances, latest-ended first; null fields match everything.
/// <paramref name="EndedFrom"/> is inclusive, <paramref name="EndedBefore"/> exclusive.
/// </summary>
public sealed record InstanceHistoryQuery(string? ProcessKey = null, DateTimeOffset? EndedFrom = null, DateTimeOffset? EndedBefore = null, int Limit = 100);
