using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Flow.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flow.Jobs;

/// <summary>
/// Runs due jobs: leases them from an <see cref="IJobStore"/> as one owner, runs each with the
/// <see cref="IJobHandler"/> of its kind, completes it, or fails it for a retry with doubling
/// delay until <see cref="JobRunnerOptions.MaxAttempts"/>, after which it is kept dead and
/// reported (<see cref="JobDead"/>, an error log). Between rounds it sleeps until the next due
/// job, a wake-up (<see cref="Wake"/>: a job scheduled earlier than that) or the poll interval.
/// All time comes from its <see cref="TimeProvider"/>. Tests call <see cref="RunDueAsync"/> directly.
/// </summary>
public sealed class JobRunner : IAsyncDisposable
{
    private readonly IJobStore _store;
    private readonly Dictionary<string, IJobHandler> _handlers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly JobRunnerOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private TaskCompletionSource<bool> _wake = NewSignal();
    private int _wakeRequested;
    private long _sleepingUntilTicks = long.MaxValue;
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    /// <summary>Creates a runner; a later handler of a kind replaces an earlier one.</summary>
    public JobRunner(IJobStore store, IEnumerable<IJobHandler> handlers, TimeProvider? time = null, JobRunnerOptions? options = null, ILogger? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        foreach (var handler in handlers ?? throw new ArgumentNullException(nameof(handlers)))
        {
            _handlers[handler.Kind] = handler;
        }

        _time = time ?? TimeProvider.System;
        _options = options ?? new JobRunnerOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A job failed its last attempt or has no handler; it stays in the store, not runnable.</summary>
    public event Action<DeadJob>? JobDead;

    /// <summary>A job ran and was completed (its handler returned normally).</summary>
    public event Action<ScheduledJob>? JobRan;

    /// <summary>This runner's owner id in leases.</summary>
    public string Owner => _options.Owner;

    /// <summary>
    /// Runs every job due now, batch by batch, until none is left; returns how many ran
    /// (completed or failed). A job whose retry is due later waits for a later round.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var ran = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await _store.AcquireDueAsync(_options.Owner, _time.GetUtcNow(), _options.LeaseDuration, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return ran;
            }

            foreach (var job in ByPriority(batch))
            {
                await RunOneAsync(job, cancellationToken).ConfigureAwait(false);
                ran++;
            }
        }
    }

    /// <summary>
    /// Wakes the sleeping loop if <paramref name="dueAt"/> (null: whatever it is) is earlier than
    /// what it sleeps until, e.g. after a job was scheduled. Cheap; safe from any thread.
    /// </summary>
    public void Wake(DateTimeOffset? dueAt = null)
    {
        if (dueAt is { } due && due.UtcTicks >= Interlocked.Read(ref _sleepingUntilTicks))
        {
            return;
        }

        Interlocked.Exchange(ref _wakeRequested, 1);
        lock (_gate)
        {
            _wake.TrySetResult(true);
        }
    }

    /// <summary>Starts the loop in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_loop is not null)
            {
                throw new InvalidOperationException("The job runner is already running.");
            }

            _stopping = new CancellationTokenSource();
            _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the loop: the job running now is cancelled through its token; waits until the loop has ended.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
            _stopping?.Cancel();
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _stopping?.Dispose();
            _stopping = null;
            _loop = null;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _wakeRequested, 0);
            DateTimeOffset wakeAt;
            try
            {
                await RunDueAsync(stopping).ConfigureAwait(false);
                wakeAt = await NextWakeAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store is unavailable (or a bug): try again after the poll interval.
                _logger.LogError(ex, "The job runner {Owner} could not read the job store; it tries again in {Delay}.", _options.Owner, _options.PollInterval);
                wakeAt = _time.GetUtcNow() + _options.PollInterval;
            }

            await SleepUntilAsync(wakeAt, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>When to look again: the next due job, or after the poll interval, whichever is first.</summary>
    private async Task<DateTimeOffset> NextWakeAsync(CancellationToken stopping)
    {
        var next = await _store.NextDueAsync(stopping).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var poll = now + _options.PollInterval;

        // A job due already but not acquired is held by another owner: look again when its lease may have run out.
        var wakeAt = next is not { } due ? poll : due > now ? due : now + TimeSpan.FromSeconds(1);
        return wakeAt < poll ? wakeAt : poll;
    }

    private async Task SleepUntilAsync(DateTimeOffset wakeAt, CancellationToken stopping)
    {
        TaskCompletionSource<bool> wake;
        lock (_gate)
        {
            _wake = NewSignal();
            wake = _wake;
        }

        Interlocked.Exchange(ref _sleepingUntilTicks, wakeAt.UtcTicks);
        try
        {
            if (Volatile.Read(ref _wakeRequested) == 1)
            {
                return;   // woken between the round and now
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var delay = wakeAt - _time.GetUtcNow();
            var sleep = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _time, cancel.Token);

            // The clock may have moved between reading it and making the timer (a test's fake clock, a
            // suspended VM): the timer then counts from the new now, so check the target itself.
            if (_time.GetUtcNow() < wakeAt)
            {
                await Task.WhenAny(sleep, wake.Task).ConfigureAwait(false);
            }

            cancel.Cancel();   // frees the timer of a sleep cut short
        }
        finally
        {
            Interlocked.Exchange(ref _sleepingUntilTicks, long.MaxValue);   // awake: every wake-up counts
        }
    }

    private async Task RunOneAsync(LeasedJob job, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(job.Job.Kind, out var handler))
        {
            await DeadAsync(job, TimerErrors.NoHandler, $"{TimerErrors.NoHandler}: no job handler runs jobs of kind '{job.Job.Kind}' (job {job.Job.Id}).", null, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await handler.RunAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;   // stopping: the lease runs out and the job runs again (here or elsewhere)
        }
        catch (Exception ex)
        {
            var attempts = job.Job.Attempts + 1;
            var policy = handler as IJobRetryPolicy;
            if (attempts >= (policy?.MaxAttempts(job.Job) ?? _options.MaxAttempts))
            {
                await DeadAsync(job, TimerErrors.JobDead, $"{TimerErrors.JobDead}: job {job.Job.Id} ({job.Job.Kind}) failed {attempts} times; last: {ex.Message}", ex, cancellationToken).ConfigureAwait(false);
                return;
            }

            var retryAt = _time.GetUtcNow() + (policy?.RetryDelay(job.Job, attempts) ?? _options.RetryAfter(attempts));
            _logger.LogWarning(ex, "Job {Job} ({Kind}) failed (attempt {Attempt} of {Max}); it runs again at {RetryAt}.", job.Job.Id, job.Job.Kind, attempts, policy?.MaxAttempts(job.Job) ?? _options.MaxAttempts, retryAt);
            await _store.FailAsync(job, retryAt, ex.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _store.CompleteAsync(job, cancellationToken).ConfigureAwait(false);
        JobRan?.Invoke(job.Job);
    }

    private async Task DeadAsync(LeasedJob job, string id, string message, Exception? error, CancellationToken cancellationToken)
    {
        await _store.FailAsync(job, null, message, cancellationToken).ConfigureAwait(false);
        _logger.LogError(error, "{Id}: {Message} It is kept and will not run again.", id, message);
        JobDead?.Invoke(new DeadJob(job.Job with { Attempts = job.Job.Attempts + 1, LastError = message }, id, message));
    }

    /// <summary>
    /// The batch with the jobs of handlers that rank them (<see cref="IJobRetryPolicy.Priority"/>)
    /// higher first; otherwise (and among equals) in the store's order, earliest due first.
    /// </summary>
    private IReadOnlyList<LeasedJob> ByPriority(IReadOnlyList<LeasedJob> batch)
    {
        if (batch.Count < 2)
        {
            return batch;
        }

        var ranked = new (LeasedJob Job, int Priority, int Order)[batch.Count];
        var any = false;
        for (var i = 0; i < ranked.Length; i++)
        {
            var priority = _handlers.TryGetValue(batch[i].Job.Kind, out var handler) && handler is IJobRetryPolicy policy ? policy.Priority(batch[i].Job) : 0;
            any |= priority != 0;
            ranked[i] = (batch[i], priority, i);
        }

        if (!any)
        {
            return batch;
        }

        Array.Sort(ranked, static (a, b) => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority) : a.Order.CompareTo(b.Order));
        return Array.ConvertAll(ranked, r => r.Job);
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
