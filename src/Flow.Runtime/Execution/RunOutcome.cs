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
    // Two words, so the outcome travels in registers through ValueTask<RunOutcome>: the path in
    // the low 60 bits (as in FlowInstance) and the status above it; a failure or a thrown
    // exception in the second word (only a failed run has one).
    private const int StatusShift = 60;
    private const ulong PathMask = (1UL << StatusShift) - 1;

    private readonly ulong _word;
    private readonly object? _detail;

    private RunOutcome(ulong path, InstanceStatus status, object? detail)
    {
        _word = (path & PathMask) | ((ulong)status << StatusShift);
        _detail = detail;
    }

    /// <summary>Completed, or Failed (an error end event, or a handler, script or condition that threw).</summary>
    public InstanceStatus Status => (InstanceStatus)(_word >> StatusShift);

    /// <summary>Why the run failed, when it did.</summary>
    public FailureState? Failure => _detail as FailureState ?? (_detail as Thrown)?.Failure;

    /// <summary>The exception that failed the run, when one did.</summary>
    public Exception? Exception => (_detail as Thrown)?.Exception;

    /// <summary>The branches chosen (a 4-bit field per exclusive choice), from which the trace is replayed.</summary>
    internal ulong Path => _word & PathMask;

    /// <summary>The node index whose code threw (<c>~index</c> inside a parallel branch or sub-process), or -1.</summary>
    internal int At => (_detail as Thrown)?.At ?? -1;

    /// <summary>A run that reached an end: Completed, or Failed at an error end event with <paramref name="failure"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RunOutcome Ended(ulong path, InstanceStatus status, FailureState? failure = null) => new(path, status, failure);

    /// <summary>A run whose handler, script or condition at node index <paramref name="at"/> threw.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RunOutcome Threw(ulong path, int at, Exception exception) => new(path, InstanceStatus.Failed, new Thrown(at, exception, null));

    /// <summary>This outcome with the failure of a thrown exception named after its node (for callers without an instance).</summary>
    internal RunOutcome WithFailureAt(string nodeId) =>
        _detail is Thrown thrown ? new(Path, Status, new Thrown(thrown.At, thrown.Exception, FailureState.Of(nodeId, thrown.Exception))) : this;

    private sealed class Thrown(int at, Exception exception, FailureState? failure)
    {
        public int At { get; } = at;

        public Exception Exception { get; } = exception;

        public FailureState? Failure { get; } = failure;
    }
}
