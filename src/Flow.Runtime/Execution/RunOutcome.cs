using System;
using System.ComponentModel;

namespace Flow;

/// <summary>
/// How a run of a process without wait states ended, as a value: what
/// <see cref="FlowProcess{TData, TInstance}.RunAsync"/> returns when the caller wants no instance
/// object (nothing is allocated for it), and what the generated straight-line method hands back.
/// </summary>
public readonly struct RunOutcome
{
    private RunOutcome(InstanceStatus status, ulong path, int at, FailureState? failure, Exception? exception)
    {
        Status = status;
        Path = path;
        At = at;
        Failure = failure;
        Exception = exception;
    }

    /// <summary>Completed, or Failed (an error end event, or a handler, script or condition that threw).</summary>
    public InstanceStatus Status { get; }

    /// <summary>Why the run failed, when it did.</summary>
    public FailureState? Failure { get; }

    /// <summary>The exception that failed the run, when one did.</summary>
    public Exception? Exception { get; }

    /// <summary>The branches chosen (a 4-bit field per exclusive choice), from which the trace is replayed.</summary>
    internal ulong Path { get; }

    /// <summary>The node index whose code threw (<c>~index</c> inside a parallel branch or sub-process), or -1.</summary>
    internal int At { get; }

    /// <summary>A run that reached an end: Completed, or Failed at an error end event with <paramref name="failure"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RunOutcome Ended(ulong path, InstanceStatus status, FailureState? failure = null) => new(status, path, -1, failure, null);

    /// <summary>A run whose handler, script or condition at node index <paramref name="at"/> threw.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RunOutcome Threw(ulong path, int at, Exception exception) => new(InstanceStatus.Failed, path, at, null, exception);

    /// <summary>This outcome with the failure of a thrown exception named after its node (for callers without an instance).</summary>
    internal RunOutcome WithFailureAt(string nodeId) =>
        Exception is null ? this : new(Status, Path, At, FailureState.Of(nodeId, Exception), Exception);
}
