using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// Where a straight-line run stands, for the generated method only. The method runs
/// synchronously; a handler whose task has not completed stops it at that handler's step
/// (<see cref="Waits"/> returns true), <see cref="FlowProcess{TData, TInstance}"/> awaits the
/// task and calls the method again, which skips the steps before it (each exclusive choice takes
/// the branch recorded in <see cref="Path"/>) and goes on. A run whose handlers all complete
/// synchronously makes no async state machine.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct StraightRun
{
    private ValueTask _pending;
    private RunOutcome _outcome;
    private ulong _path;
    private int _resume;
    private int _at;

    /// <summary>The step (numbered by the generator, from 1) whose task was awaited: go on after it; 0 runs from the start.</summary>
    public readonly int Resume => _resume;

    /// <summary>The branches chosen before the run stopped.</summary>
    public readonly ulong Path => _path;

    /// <summary>The node index the run stopped at (as the outcome's <c>At</c>).</summary>
    internal readonly int At => _at;

    /// <summary>The task of the handler the run stopped at.</summary>
    internal readonly ValueTask Pending => _pending;

    /// <summary>How the run ended, once the method returned true.</summary>
    internal readonly RunOutcome Outcome => _outcome;

    /// <summary>
    /// Whether the step numbered <paramref name="step"/> (0: a step that never waits) runs its
    /// code now. A run from the start runs every step, seeing cancellation first, where the token
    /// engine sees it. A resumed run skips the steps before the one it stopped at; that step's
    /// task has completed, so the run goes on after it (<paramref name="resume"/> becomes 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Runs(ref int resume, int step, CancellationToken cancellationToken)
    {
        if (resume == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }

        if (resume == step)
        {
            resume = 0;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="task"/> (the handler's at <paramref name="step"/>) has not
    /// completed successfully: the run stops there, to be resumed after it. A completed task is
    /// consumed here (a pooled task source is released).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Waits(int step, int at, ulong path, ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return false;
        }

        _pending = task;
        _resume = step;
        _at = at;
        _path = path;
        return true;
    }

    /// <summary>The run reached an end (see <see cref="RunOutcome.Ended"/>); returns true, the method's "ended".</summary>
    public bool Ended(ulong path, InstanceStatus status, FailureState? failure = null)
    {
        _outcome = RunOutcome.Ended(path, status, failure);
        return true;
    }

    /// <summary>A handler, script or condition threw (see <see cref="RunOutcome.Threw"/>); returns true, the method's "ended".</summary>
    public bool Threw(ulong path, int at, Exception exception)
    {
        _outcome = RunOutcome.Threw(path, at, exception);
        return true;
    }

    /// <summary>The awaited task is done with.</summary>
    internal void Resumed() => _pending = default;
}
