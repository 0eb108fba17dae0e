using Flow.Instances;
using Microsoft.Data.Sqlite;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Concurrent saves share commits; each keeps its own outcome (issue 11, durable throughput).</summary>
public class GroupCommitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Many_concurrent_saves_all_land_and_saves_of_one_instance_at_one_revision_give_exactly_one_winner()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("contested"), 0));

        var fresh = Enumerable.Range(0, 300).Select(i => Task.Run(() => store.TrySaveAsync(Instances.Waiting($"i-{i:D3}"), 0).AsTask()));
        var contested = Enumerable.Range(0, 40).Select(i => Task.Run(() => store.TrySaveAsync(Instances.Waiting("contested", state: $"{{\"by\":{i}}}"), 1).AsTask()));
        var freshResults = Task.WhenAll(fresh);
        var contestedResults = await Task.WhenAll(contested).WaitAsync(Timeout);

        Assert.All(await freshResults.WaitAsync(Timeout), Assert.True);
        var winner = Assert.Single(Enumerable.Range(0, 40), i => contestedResults[i]);
        var stored = (await store.LoadAsync("contested"))!;
        Assert.Equal((2L, $"{{\"by\":{winner}}}"), (stored.Revision, stored.StateJson));
        Assert.Equal(301, (await store.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task A_save_that_fails_with_an_error_fails_alone_and_the_saves_committed_with_it_stay()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        Execute(db.File, "CREATE TRIGGER poison BEFORE INSERT ON flow_instances WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;");

        // Hold the write lock so the saves below queue up and reach the writer together.
        Task<bool>[] saves;
        Task<bool> poison;
        using (var holder = Connect(db.File))
        {
            Execute(holder, "BEGIN IMMEDIATE;");
            var first = store.TrySaveAsync(Instances.Waiting("first"), 0).AsTask();
            await Task.Delay(200);
            poison = store.TrySaveAsync(Instances.Waiting("poison"), 0).AsTask();
            saves = Enumerable.Range(0, 20).Select(i => store.TrySaveAsync(Instances.Waiting($"ok-{i}"), 0).AsTask()).Append(first).ToArray();
            await Task.Delay(200);
            Execute(holder, "COMMIT;");
        }

        Assert.All(await Task.WhenAll(saves).WaitAsync(Timeout), Assert.True);
        var error = await Assert.ThrowsAsync<SqliteException>(() => poison.WaitAsync(Timeout));
        Assert.Contains("poisoned", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync("poison"));
        Assert.Equal(21, (await store.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task A_save_cancelled_while_it_waits_for_the_writer_is_not_written()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        using var cancel = new CancellationTokenSource();
        Task<bool> first, cancelled;
        using (var holder = Connect(db.File))
        {
            Execute(holder, "BEGIN IMMEDIATE;");
            first = store.TrySaveAsync(Instances.Waiting("first"), 0).AsTask();
            await Task.Delay(200); // the writer took "first" and waits for the lock
            cancelled = store.TrySaveAsync(Instances.Waiting("cancelled"), 0, cancel.Token).AsTask();
            cancel.Cancel();
            Execute(holder, "COMMIT;");
        }

        Assert.True(await first.WaitAsync(Timeout));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        Assert.Null(await store.LoadAsync("cancelled"));
    }

    [Fact]
    public async Task Disposing_the_store_writes_the_saves_already_queued()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        var saves = Enumerable.Range(0, 50).Select(i => store.TrySaveAsync(Instances.Waiting($"i-{i}"), 0).AsTask()).ToArray();
        store.Dispose();

        Assert.All(await Task.WhenAll(saves).WaitAsync(Timeout), Assert.True);
        Assert.Equal(50, (await db.Open().QueryAsync(new InstanceQuery())).Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.TrySaveAsync(Instances.Waiting("late"), 0).AsTask());
    }

    private static SqliteConnection Connect(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(string file, string sql)
    {
        using var connection = Connect(file);
        Execute(connection, sql);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
