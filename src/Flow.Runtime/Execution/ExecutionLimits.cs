using System;

namespace Flow;

/// <summary>
/// Bounds on one run of an instance (from a start, completion or retry to the next wait state
/// or the end), so that a loop without a wait state fails instead of running until memory is gone.
/// </summary>
public sealed record ExecutionLimits
{
    private readonly int _maxStepsPerRun = 100_000;
    private readonly int _maxTraceLength = 1_000;

    /// <summary>The defaults: 100,000 steps per run, the latest 1,000 trace entries.</summary>
    public static ExecutionLimits Default { get; } = new();

    /// <summary>
    /// How many nodes one run of the token engine may take before the instance fails with
    /// FLOW6041 (every token ends). A straight-line run has no loops and needs no limit.
    /// </summary>
    public int MaxStepsPerRun
    {
        get => _maxStepsPerRun;
        init => _maxStepsPerRun = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxStepsPerRun), value, "The step limit must be positive.");
    }

    /// <summary>
    /// How many trace entries an instance keeps (the latest; <see cref="InstanceState{TData}.TraceDropped"/>
    /// counts the older ones), so the saved state stays bounded however long the instance runs.
    /// </summary>
    public int MaxTraceLength
    {
        get => _maxTraceLength;
        init => _maxTraceLength = value >= 4 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTraceLength), value, "Keep at least 4 trace entries.");
    }
}
