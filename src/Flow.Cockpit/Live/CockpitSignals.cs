using System;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Cockpit.Live;

/// <summary>
/// Wakes the live streams when something they show may have changed (a command through the
/// cockpit, a deployment event), so a change is pushed at once instead of at the next refresh.
/// </summary>
public sealed class CockpitSignals
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _generation;

    /// <summary>How many pulses there were: what was computed under an older generation may be stale.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Wakes every waiting stream.</summary>
    public void Pulse()
    {
        Interlocked.Increment(ref _generation);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Returns at the next <see cref="Pulse"/> or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _next).Task;
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(timeout, delay.Token);
        await Task.WhenAny(next, timer).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
