using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Flow.Instances;
using Npgsql;

namespace Flow.Deployment.Storage;

/// <summary>
/// Tells a node that the deployment log may have grown: <c>LISTEN flow_deployments</c> on a
/// connection of its own (the store sends <c>NOTIFY</c> with each appended action's sequence, in
/// the appending transaction), with a poll tick every <see cref="PollInterval"/> as a fallback and
/// a signal after every (re)connect, since notifications sent while nobody listened are lost.
/// A lost connection is retried every <see cref="ReconnectDelay"/>; it never stops the notifier.
/// <para>
/// Consumers read the log themselves (<see cref="IDeploymentStore.ActionsAsync"/> after the last
/// sequence they applied): a signal only says "look now". Two ways to hear it:
/// <see cref="WaitForChangeAsync"/> (one consumer; a signal that came while nobody waited is kept,
/// so none falls between reading the log and waiting again), or the <see cref="Changed"/> event.
/// </para>
/// </summary>
public sealed class PostgreSqlDeploymentNotifier : IAsyncDisposable
{
    /// <summary>The default poll interval: a change is seen within it even without notifications.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _pending = new(0, 1);
    private readonly object _gate = new();
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <summary>A notifier on the database of <paramref name="connectionString"/> (not started).</summary>
    public PostgreSqlDeploymentNotifier(string connectionString, TimeSpan? pollInterval = null, TimeSpan? reconnectDelay = null)
    {
        // a connection of its own, never pooled (it carries the LISTEN), with keepalives so a
        // server that vanished without closing the socket is noticed
        _connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlDatabase.WithDefaults(connectionString))
        {
            Pooling = false,
            KeepAlive = 10,
        }.ToString();
        PollInterval = pollInterval ?? DefaultPollInterval;
        ReconnectDelay = reconnectDelay ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconnectDelay, TimeSpan.Zero);
    }

    /// <summary>
    /// Raised on the listening loop for every signal: the notified sequence, or null for a poll
    /// tick or a (re)connect ("something may have changed"). Handlers must be quick and not throw.
    /// </summary>
    public event Action<long?>? Changed;

    /// <summary>Raised when the listening connection fails (it is retried); for logs.</summary>
    public event Action<Exception>? Failed;

    /// <summary>How often a signal comes without a notification.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>How long to wait before reconnecting after the connection failed.</summary>
    public TimeSpan ReconnectDelay { get; }

    /// <summary>Whether <c>LISTEN</c> is in force now.</summary>
    public bool IsListening { get; private set; }

    /// <summary>The highest sequence announced so far (0: none yet).</summary>
    public long LastNotifiedSequence { get; private set; }

    /// <summary>Starts listening (in the background; returns at once). A first signal follows the first connect.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_loop is null)
            {
                _stop = new CancellationTokenSource();
                _loop = Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Completes when the log may have changed since the last call returned (a notification, a
    /// poll tick, a reconnect), at once if a signal came in between.
    /// </summary>
    public Task WaitForChangeAsync(CancellationToken cancellationToken = default) => _pending.WaitAsync(cancellationToken);

    /// <summary>Stops listening and closes the connection.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
            if (loop is not null)
            {
                _stop?.Cancel();
            }

            _loop = null;
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Idempotent: a container that registered the store under two service types disposes it twice.</remarks>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _stop?.Dispose();
            _stop = null;
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += (_, e) =>
                    Signal(long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null);
                await connection.OpenAsync(stop).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgreSqlDeploymentStore.Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                IsListening = true;
                Signal(null); // whatever was appended while nobody listened
                while (!stop.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(PollInterval, stop).ConfigureAwait(false))
                    {
                        Signal(null); // the fallback poll
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                IsListening = false;
                Failed?.Invoke(e);
                Signal(null); // polling goes on while the connection is down
                try
                {
                    await Task.Delay(ReconnectDelay < PollInterval ? ReconnectDelay : PollInterval, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                IsListening = false;
            }
        }
    }

    private void Signal(long? sequence)
    {
        if (sequence is { } s && s > LastNotifiedSequence)
        {
            LastNotifiedSequence = s;
        }

        lock (_gate)
        {
            if (_pending.CurrentCount == 0)
            {
                _pending.Release();
            }
        }

        Changed?.Invoke(sequence);
    }
}
