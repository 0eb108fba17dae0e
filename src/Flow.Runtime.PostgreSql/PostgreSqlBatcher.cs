using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Flow.Instances;

/// <summary>
/// Group commit (and group load) for PostgreSQL: concurrent requests queue to a few workers;
/// each worker sends everything queued (up to <see cref="MaxBatch"/>) as one batch, which is
/// one transaction and one round trip, and answers each request only after that transaction
/// has committed. A lone request is sent at once, so a single caller waits for one round trip
/// as before. For saves: each keeps its own revision check in its own statement, so a stale
/// one writes nothing and gets false without touching the others. A batch that fails with an
/// error is rolled back and its requests are sent one per transaction, so only a request that
/// cannot be served fails; when the database is unreachable every request of the batch fails
/// with that error (FLOW6100) at once.
/// </summary>
internal sealed class PostgreSqlBatcher<TRequest, TResult> : IAsyncDisposable
{
    /// <summary>At most this many requests in one transaction.</summary>
    internal const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<Pending>, Task<TResult[]>> _writeTogether;
    private readonly Comparison<Pending>? _order;
    private readonly Task[] _writers;

    /// <param name="writeTogether">Serves the requests in one transaction; returns each one's result once it committed.</param>
    /// <param name="order">The order of requests in a batch (saves: by instance id, so two batches lock rows in one order), or null.</param>
    /// <param name="writers">Batches in flight at once (one can execute while another commits).</param>
    public PostgreSqlBatcher(Func<IReadOnlyList<Pending>, Task<TResult[]>> writeTogether, Comparison<Pending>? order, int writers)
    {
        _writeTogether = writeTogether;
        _order = order;
        _writers = new Task[writers];
        for (var i = 0; i < writers; i++)
        {
            _writers[i] = Task.Run(WorkAsync);
        }
    }

    /// <summary>Queues a request; the task ends with its result once the transaction holding it committed.</summary>
    public Task<TResult> RunAsync(TRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgreSqlInstanceStore));
        }

        return pending.Task;
    }

    /// <summary>Writes what is queued, then stops the writers.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private async Task WorkAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                if (pending.TryClaim())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                if (_order is not null)
                {
                    batch.Sort(_order);
                }

                await WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            Acknowledge(batch, await _writeTogether(batch).ConfigureAwait(false));
        }
        catch (FlowStoreException unavailable)
        {
            batch.ForEach(p => p.Fail(unavailable));
        }
        catch (Exception) when (batch.Count > 1)
        {
            // rolled back: each alone, so that only the save that cannot be written fails
            foreach (var pending in batch)
            {
                try
                {
                    Acknowledge([pending], await _writeTogether([pending]).ConfigureAwait(false));
                }
                catch (Exception single)
                {
                    pending.Fail(single);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Fail(e);
        }
    }

    private static void Acknowledge(IReadOnlyList<Pending> batch, TResult[] results)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed(results[i]);
        }
    }

    /// <summary>A queued request. Claimed by a worker or cancelled by its caller, whichever comes first.</summary>
    internal sealed class Pending : TaskCompletionSource<TResult>
    {
        private const int Queued = 0;
        private const int Claimed = 1;
        private const int Cancelled = 2;
        private readonly CancellationTokenRegistration _registration;
        private int _state;

        public Pending(TRequest request, CancellationToken cancellationToken)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            Request = request;
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.Register(static (state, token) =>
                {
                    var self = (Pending)state!;
                    if (Interlocked.CompareExchange(ref self._state, Cancelled, Queued) == Queued)
                    {
                        self.TrySetCanceled(token);
                    }
                }, this);
            }
        }

        public TRequest Request { get; }

        /// <summary>True when a writer may write it (its caller has not cancelled; once claimed, it is written).</summary>
        public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

        public void Succeed(TResult result)
        {
            _registration.Dispose();
            TrySetResult(result);
        }

        public void Fail(Exception error)
        {
            _registration.Dispose();
            TrySetException(error);
        }
    }
}
