using System;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flow.Hosting;

/// <summary>
/// Keeps a node's registry on the latest versions of a cluster: applies the entries of the
/// shared <see cref="IDeploymentStore"/>'s log in order (Deployed: load from the store, verify and
/// deploy; RolledBack: roll back; Undeployed: undeploy), after the last entry the registry has
/// applied. On start it applies everything pending, from entry 1 for a fresh node, so a node that
/// starts later converges to the same latest versions; then it polls every <see cref="Interval"/>
/// and also wakes on a change signal (the store's <see cref="IDeploymentChangeSignal"/> or the
/// <c>waitForChange</c> given). A refused entry is a Failed event with a FLOW6xxx id and the
/// follower goes on; a store that cannot be read is a FLOW6144 Failed event and is retried.
/// </summary>
public sealed class DeploymentLogFollower : IAsyncDisposable
{
    private readonly DeploymentRegistry _registry;
    private readonly IDeploymentStore _store;
    private readonly Func<CancellationToken, Task>? _waitForChange;
    private readonly ILogger _logger;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <summary>Follows <paramref name="registry"/>'s <see cref="DeploymentRegistry.DeploymentStore"/> (or <paramref name="store"/>).</summary>
    /// <param name="registry">The node's registry (it remembers what it applied).</param>
    /// <param name="store">The shared store; default: the registry's.</param>
    /// <param name="interval">How often the log is read without a signal (default 500 ms).</param>
    /// <param name="waitForChange">Completes when the log may have grown; cuts the wait short. Default: the store's <see cref="IDeploymentChangeSignal"/>, if it has one.</param>
    /// <param name="logger">Where failures of reading the log are logged.</param>
    public DeploymentLogFollower(
        DeploymentRegistry registry,
        IDeploymentStore? store = null,
        TimeSpan? interval = null,
        Func<CancellationToken, Task>? waitForChange = null,
        ILogger<DeploymentLogFollower>? logger = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _store = store ?? registry.DeploymentStore ?? throw new ArgumentException("The registry has no deployment store and none was given.", nameof(store));
        Interval = interval ?? TimeSpan.FromMilliseconds(500);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(interval));
        _waitForChange = waitForChange ?? (_store is IDeploymentChangeSignal signal ? signal.WaitForChangeAsync : null);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How often the log is read when no signal comes.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Applies everything pending (reported, not thrown, when the store cannot be read), then follows the log until stopped.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The follower is already started.");
        }

        await RoundAsync(cancellationToken).ConfigureAwait(false);
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Stops following (an entry being applied is finished or cancelled; nothing is half-applied).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stop?.Dispose();
    }

    /// <summary>
    /// One round: reads the log after the registry's last applied entry and applies each entry in
    /// order. Returns how many were applied; throws FLOW6144 (also a Failed event) when the store cannot be read.
    /// </summary>
    public async Task<int> ApplyPendingAsync(CancellationToken cancellationToken = default)
    {
        var applied = 0;
        var pending = await ReadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var action in pending)
        {
            if (await _registry.ApplyAsync(action, cancellationToken).ConfigureAwait(false))
            {
                applied++;
            }
        }

        return applied;
    }

    private async Task<System.Collections.Generic.IReadOnlyList<DeploymentAction>> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _store.ActionsAsync(_registry.AppliedLogSequence, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = FlowDeploymentException.StoreUnreadable(ex);
            _registry.ReportFailure(null, error);
            throw error;
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // The signal is asked for before the log is read, and the wait comes after the read: an
            // entry appended while a round reads (or between the start's first round and this loop)
            // completes this signal, so it is never missed until the next poll.
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signal = Signal(wake.Token);
            try
            {
                await RoundAsync(cancellationToken).ConfigureAwait(false);
                var delay = Task.Delay(Interval, cancellationToken);
                if (await Task.WhenAny(signal, delay).ConfigureAwait(false) == signal && signal.IsFaulted)
                {
                    await delay.ConfigureAwait(false);   // a broken signal must not turn into a busy loop
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                await wake.CancelAsync().ConfigureAwait(false);
                await signal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>The change signal, or a task that never completes; a failing signal falls back to polling.</summary>
    private Task Signal(CancellationToken cancellationToken)
    {
        if (_waitForChange is null)
        {
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }

        try
        {
            return _waitForChange(cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>A round whose failure is reported (a Failed event and a log entry), never thrown: the follower keeps following.</summary>
    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ApplyPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (FlowDeploymentException error)
        {
            // Already a Failed event (the registry or the read raised it); pending entries stay pending.
            _logger.LogWarning(error, "{Id}: applying the deployment log failed: {Reason}", error.Id, error.Message);
        }
        catch (Exception ex)
        {
            var error = FlowDeploymentException.StoreUnreadable(ex);
            _logger.LogWarning(error, "{Id}: applying the deployment log failed: {Reason}", error.Id, error.Message);
            _registry.ReportFailure(null, error);
        }
    }
}
