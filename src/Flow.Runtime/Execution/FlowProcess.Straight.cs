using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>The synchronous straight-line run and its asynchronous continuation.</summary>
public abstract partial class FlowProcess<TData, TInstance>
{
    /// <summary>
    /// The generated straight-line method, synchronous: runs from <paramref name="run"/>'s
    /// resume step until the run ends (true, the outcome in <paramref name="run"/>) or a handler's
    /// task has not completed (false: the caller awaits it and calls again). A cancellation is
    /// recorded in the instance and thrown; anything else ends in the outcome.
    /// </summary>
    protected virtual bool RunStraight(ref StraightRun run, TData data, TInstance? instance, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This process has no straight-line method.");

    /// <summary>Runs <see cref="RunStraight"/>: no async state machine unless a handler's task is still running.</summary>
    private ValueTask<RunOutcome> RunStraightSynchronously(TData data, TInstance? instance, CancellationToken cancellationToken)
    {
        var run = default(StraightRun);
        bool ended;
        try
        {
            ended = RunStraight(ref run, data, instance, cancellationToken);
        }
        catch (OperationCanceledException exception)
        {
            // As an async method would: a canceled task that rethrows this exception when awaited.
            return Canceled(exception);
        }

        return ended ? new ValueTask<RunOutcome>(run.Outcome) : ContinueStraightAsync(run, data, instance, cancellationToken);
    }

    private async ValueTask<RunOutcome> ContinueStraightAsync(StraightRun run, TData data, TInstance? instance, CancellationToken cancellationToken)
    {
        do
        {
            try
            {
                await run.Pending.ConfigureAwait(false);
            }
            catch (OperationCanceledException exception)
            {
                instance?.FailStraight(run.Path, run.At, exception);
                throw;
            }
            catch (Exception exception)
            {
                return RunOutcome.Threw(run.Path, run.At, exception);
            }

            run.Resumed();
        }
        while (!RunStraight(ref run, data, instance, cancellationToken));

        return run.Outcome;
    }

#pragma warning disable CS1998 // an async method without await: it only turns the exception into a canceled task
    private static async ValueTask<RunOutcome> Canceled(OperationCanceledException exception)
    {
        ExceptionDispatchInfo.Throw(exception);
        return default;
    }
#pragma warning restore CS1998
}
