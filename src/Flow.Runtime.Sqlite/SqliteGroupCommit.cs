using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// Group commit: concurrent saves queue to one writer thread, which writes everything queued in
/// one transaction and one fsync, then acknowledges each save (so a save is acknowledged only
/// once the commit that holds it is durable). A lone save is written at once, so a single
/// caller waits for one commit as before; saves that arrive during a commit go together into
/// the next. A save whose revision is stale writes nothing and gets false without touching the
/// others (the revision check is part of its own statement). A save that fails with an error
/// rolls its batch back; the batch is then written one save per transaction, so only the save
/// that cannot be written fails.
/// </summary>
internal sealed class SqliteGroupCommit : IDisposable
{
    /// <summary>At most this many saves in one transaction (bounds the time the write lock is held).</summary>
    internal const int MaxBatch = 512;

    private readonly Channel<PendingSave> _queue = Channel.CreateUnbounded<PendingSave>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnection> _open;
    private readonly Action _ensureFilePresent;
    private readonly Action<SqliteConnection, SqliteTransaction, DateTimeOffset> _afterSaves;
    private readonly Func<Exception, Exception> _translate;
    private readonly TimeProvider _time;
    private readonly Thread _writer;
    private SqliteConnection? _connection;
    private SqliteSaveCommands? _commands;
    private int _reopen;

    // Checkpoints (copying the WAL into the database file, with its own fsync) run on another
    // thread and connection, so a commit waits for its own WAL write only.
    private readonly AutoResetEvent _checkpointDue = new(false);
    private readonly Thread _checkpointer;
    private volatile bool _stopping;
    private int _savesSinceCheckpoint;
    private int _disposed;

    /// <param name="open">Opens and configures a connection for the writer.</param>
    /// <param name="ensureFilePresent">Throws when the file is gone (checked before each batch: an open connection would write to a deleted file).</param>
    /// <param name="afterSaves">Runs in each transaction that saved something, after the saves (retention).</param>
    /// <param name="translate">Turns a SQLite error into the error the caller sees.</param>
    /// <param name="time">The clock of updated_at and of end times the store fills in.</param>
    public SqliteGroupCommit(Func<SqliteConnection> open, Action ensureFilePresent, Action<SqliteConnection, SqliteTransaction, DateTimeOffset> afterSaves, Func<Exception, Exception> translate, TimeProvider time)
    {
        _open = open;
        _ensureFilePresent = ensureFilePresent;
        _afterSaves = afterSaves;
        _translate = translate;
        _time = time;
        _writer = new Thread(Run) { IsBackground = true, Name = "Flow SQLite writer" };
        _writer.Start();
        _checkpointer = new Thread(RunCheckpoints) { IsBackground = true, Name = "Flow SQLite checkpointer" };
        _checkpointer.Start();
    }

    /// <summary>Saves after which the writer asks for a checkpoint (SQLite's own default is 1,000 WAL pages).</summary>
    internal const int SavesPerCheckpoint = 1_000;

    /// <summary>Queues a save; the task ends with its result once the commit holding it is durable.</summary>
    public Task<bool> SaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken)
    {
        var pending = new PendingSave(instance, expectedRevision, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteInstanceStore));
        }

        return pending.Task;
    }

    /// <summary>Makes the writer open a new connection before its next batch (the file was found missing or replaced).</summary>
    public void Reopen() => Volatile.Write(ref _reopen, 1);

    /// <summary>Writes what is queued, then stops the writer and closes its connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        if (Thread.CurrentThread != _writer)
        {
            _writer.Join();
        }

        _stopping = true;
        _checkpointDue.Set();
        _checkpointer.Join();
        _checkpointDue.Dispose();
    }

    private void RunCheckpoints()
    {
        while (true)
        {
            _checkpointDue.WaitOne();
            if (_stopping)
            {
                return;
            }

            try
            {
                // PASSIVE: copies what no reader still needs, never blocks the writer.
                using var connection = _open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // the file is unavailable: the next checkpoint (or SQLite itself on close) catches up
            }
        }
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingSave>(MaxBatch);
        var results = new bool[MaxBatch];
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
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
                Write(batch, results);
                batch.Clear();
            }
        }

        CloseConnection();
    }

    private void Write(List<PendingSave> batch, bool[] results)
    {
        try
        {
            WriteTogether(batch, results);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Rolled back: write each alone so that only the save that cannot be written fails.
            CloseConnection();
            foreach (var pending in batch)
            {
                try
                {
                    WriteTogether(new List<PendingSave>(1) { pending }, results);
                }
                catch (Exception single)
                {
                    CloseConnection();
                    pending.Fail(_translate(single));
                }
            }

            return;
        }
        catch (Exception e)
        {
            CloseConnection();
            batch[0].Fail(_translate(e));
            return;
        }
    }

    /// <summary>All of <paramref name="batch"/> in one transaction; acknowledges each after the commit.</summary>
    private void WriteTogether(List<PendingSave> batch, bool[] results)
    {
        _ensureFilePresent();
        if (Interlocked.Exchange(ref _reopen, 0) != 0)
        {
            CloseConnection();
        }

        if (_connection is null)
        {
            _connection = _open();
            using (var manual = _connection.CreateCommand())
            {
                manual.CommandText = "PRAGMA wal_autocheckpoint = 0;";
                manual.ExecuteNonQuery();
            }

            _commands = new SqliteSaveCommands(_connection);
        }

        var now = _time.GetUtcNow();
        var nowText = SqliteInstanceStore.FormatTime(now);
        var saved = false;
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = _commands!.Save(transaction, batch[i].Instance, batch[i].ExpectedRevision, nowText);
                saved |= results[i];
            }

            if (saved)
            {
                _afterSaves(_connection, transaction, now);
            }

            transaction.Commit();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed(results[i]);
        }

        if ((_savesSinceCheckpoint += batch.Count) >= SavesPerCheckpoint)
        {
            _savesSinceCheckpoint = 0;
            _checkpointDue.Set();
        }
    }

    private void CloseConnection()
    {
        _commands?.Dispose();
        _commands = null;
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>A queued save. Claimed by the writer or cancelled by its caller, whichever comes first.</summary>
    private sealed class PendingSave : TaskCompletionSource<bool>
    {
        private const int Queued = 0;
        private const int Claimed = 1;
        private const int Cancelled = 2;
        private readonly CancellationTokenRegistration _registration;
        private int _state;

        public PendingSave(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            Instance = instance;
            ExpectedRevision = expectedRevision;
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.Register(static (state, token) =>
                {
                    var self = (PendingSave)state!;
                    if (Interlocked.CompareExchange(ref self._state, Cancelled, Queued) == Queued)
                    {
                        self.TrySetCanceled(token);
                    }
                }, this);
            }
        }

        public StoredInstance Instance { get; }

        public long ExpectedRevision { get; }

        /// <summary>True when the writer may write it (its caller has not cancelled; once claimed, it is written).</summary>
        public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

        public void Succeed(bool saved)
        {
            _registration.Dispose();
            TrySetResult(saved);
        }

        public void Fail(Exception error)
        {
            _registration.Dispose();
            TrySetException(error);
        }
    }
}
