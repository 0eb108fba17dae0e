using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// Timeouts: an interrupting timer boundary event on a task that runs code (a handler or a C#
/// script), which never waits. The handler gets a cancellation token that is cancelled when the
/// timer is due, and works on a copy of the data: finishing in time, the copy becomes the data and
/// the token goes on as usual; when the timer is due first, the copy (the late result) is
/// discarded, the handler is left to observe its cancellation, and the token goes on from the
/// boundary event. A script cannot be interrupted: one that returns after the timer was due is
/// discarded the same way. The timeout lives within the run (it is not a job): a host that stops
/// meanwhile leaves the instance before the task, which runs again.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The earliest interrupting timer boundary of a task that runs code, with its due time; null without one.</summary>
    private (int Boundary, DateTimeOffset Due)? TimeoutOf(int node, TokenState token)
    {
        (int, DateTimeOffset)? earliest = null;
        foreach (var boundary in Graph.Boundaries[node])
        {
            var description = Graph.Node(boundary);
            if (description.EventKind == EventKind.Timer && description.Interrupting)
            {
                var due = _process.TimerDue(boundary, _state.Data, ScopeSeen(token.ScopeId));
                if (earliest is null || due < earliest.Value.Item2)
                {
                    earliest = (boundary, due);
                }
            }
        }

        return earliest;
    }

    private async ValueTask RunWithTimeoutAsync(TokenState token, int node, (int Boundary, DateTimeOffset Due) timeout, CancellationToken cancellationToken)
    {
        var description = Graph.Node(node);
        var left = timeout.Due - _process.Clock.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            var copy = CopyOfData();
            var context = new TaskContext<TData>(copy, _instance, description.Id) { Loop = EnclosingLoop(token.ScopeId) };
            bool inTime;
            if (description.Kind == NodeKind.ScriptTask)
            {
                _process.RunScript(node, context);
                inTime = _process.Clock.GetUtcNow() < timeout.Due;
            }
            else
            {
                inTime = await InvokeHandlerInTimeAsync(node, context, left, cancellationToken).ConfigureAwait(false);
            }

            if (inTime)
            {
                _state.Data = copy;
                Took(description);
                Leave(token, Graph.Outgoing[node]);
                return;
            }
        }

        // Due before the task began (a past timeDate), or before it finished: the boundary takes over.
        Catch(token, timeout.Boundary);
    }

    /// <summary>
    /// Runs the handler with a token cancelled at the timeout; true when it finished first (its
    /// exception, if any, is thrown), false when the timer was due first (the handler is not awaited).
    /// </summary>
    private async ValueTask<bool> InvokeHandlerInTimeAsync(int node, TaskContext<TData> context, TimeSpan left, CancellationToken cancellationToken)
    {
        var handlerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task run;
        try
        {
            run = _process.InvokeHandlerAsync(node, context, handlerStop.Token).AsTask();
        }
        catch
        {
            handlerStop.Dispose();
            throw;
        }

        if (!run.IsCompleted)
        {
            using var timerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Timers take at most ~49 days; a longer timeout than that cannot end one engine call.
            var timer = left < MaxTimeout ? Task.Delay(left, _process.Clock, timerStop.Token) : Task.Delay(Timeout.Infinite, timerStop.Token);
            var first = await Task.WhenAny(run, timer).ConfigureAwait(false);
            timerStop.Cancel();
            if (first == timer && timer.Status == TaskStatus.RanToCompletion)
            {
                handlerStop.Cancel();

                // The late handler still runs on its copy: observe its end (and any exception) and free its token then.
                _ = run.ContinueWith(static (t, stop) => { _ = t.Exception; ((CancellationTokenSource)stop!).Dispose(); }, handlerStop,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return false;
            }
        }

        try
        {
            await run.ConfigureAwait(false);
        }
        finally
        {
            handlerStop.Dispose();
        }

        return true;
    }

    /// <summary>A copy of the data (through its JSON codec) for code whose result may be discarded.</summary>
    private TData CopyOfData()
    {
        var buffer = JsonBuffer.Rent();
        string json;
        try
        {
            _process.DataJson.Write(buffer.Writer, _state.Data);
            json = buffer.Text();
        }
        finally
        {
            buffer.Return();
        }

        return JsonBuffer.ReadUtf8(json, _process.DataJson, static (utf8, codec) =>
        {
            var reader = new Utf8JsonReader(utf8);
            reader.Read();
            return codec.Read(ref reader);
        });
    }
}
