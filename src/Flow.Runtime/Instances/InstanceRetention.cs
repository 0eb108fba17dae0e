using System;

namespace Flow.Instances;

/// <summary>
/// How long a store keeps ended instances (completed, aborted, failed with nothing to retry).
/// Instances that can still run are never removed by retention.
/// </summary>
public sealed record InstanceRetention
{
    private readonly int _maxEnded = 10_000;
    private readonly TimeSpan? _keepEndedFor;

    /// <summary>The default: the latest 10,000 ended instances, however old.</summary>
    public static InstanceRetention Default { get; } = new();

    /// <summary>How many ended instances are kept at most; the oldest-ended go first.</summary>
    public int MaxEnded
    {
        get => _maxEnded;
        init => _maxEnded = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEnded), value, "Cannot keep a negative number of instances.");
    }

    /// <summary>How long an ended instance is kept after it ended; null: until <see cref="MaxEnded"/> pushes it out.</summary>
    public TimeSpan? KeepEndedFor
    {
        get => _keepEndedFor;
        init => _keepEndedFor = value is null || value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(KeepEndedFor), value, "Cannot keep instances for a negative time.");
    }
}
