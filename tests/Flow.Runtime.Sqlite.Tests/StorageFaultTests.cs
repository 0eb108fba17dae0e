using Flow.Instances;
using Microsoft.Data.Sqlite;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>A file cut short is refused at start; a file that goes missing fails calls at once and is used again when it is back (issue 11, faults).</summary>
public class StorageFaultTests
{
    [Theory]
    [InlineData("last page")] // SQLite finds the header's page count larger than the file when the schema check begins its write
    [InlineData("half")]
    [InlineData("60 bytes")] // less than a header
    public async Task A_truncated_file_is_refused_at_start_with_FLOW6120_and_left_as_it_is(string cut)
    {
        using var db = new TempDatabase();
        var store = db.Open();
        for (var i = 0; i < 200; i++)
        {
            Assert.True(await store.TrySaveAsync(Instances.Waiting($"i-{i:D3}", state: new string('x', 2000)), 0));
        }

        store.Dispose(); // the last connection checkpoints the WAL into the file and removes it
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(db.File + "-wal"));
        var bytes = File.ReadAllBytes(db.File);
        var kept = bytes[..(cut switch { "last page" => bytes.Length - 4096, "half" => bytes.Length / 2, _ => 60 })];
        File.WriteAllBytes(db.File, kept);

        var refused = Assert.Throws<FlowStorageException>(() => new SqliteInstanceStore(db.File));

        Assert.Equal("FLOW6120", refused.Id);
        Assert.Contains(db.File, refused.Message, StringComparison.Ordinal);
        Assert.Contains("not recreated", refused.Message, StringComparison.Ordinal);
        Assert.Equal(kept, File.ReadAllBytes(db.File));
    }

    [Fact]
    public async Task A_file_moved_away_fails_each_call_with_FLOW6123_creates_nothing_and_is_used_again_when_it_is_back()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("before"), 0));
        Assert.NotNull(await store.LoadAsync("before"));
        var away = db.File + ".away";

        File.Move(db.File, away);
        var load = await Assert.ThrowsAsync<FlowStorageException>(() => store.LoadAsync("before").AsTask());
        var save = await Assert.ThrowsAsync<FlowStorageException>(() => store.TrySaveAsync(Instances.Waiting("during"), 0).AsTask());
        var query = await Assert.ThrowsAsync<FlowStorageException>(() => store.QueryAsync(new InstanceQuery()).AsTask());
        var jobs = await Assert.ThrowsAsync<FlowStorageException>(() => store.ListAsync().AsTask());
        Assert.All(new[] { load, save, query, jobs }, e => Assert.Equal("FLOW6123", e.Id));
        Assert.Contains(db.File, save.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(db.File));

        File.Move(away, db.File);
        Assert.NotNull(await store.LoadAsync("before"));
        Assert.Null(await store.LoadAsync("during"));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("after"), 0));
        Assert.Equal(["after", "before"], (await db.Open().QueryAsync(new InstanceQuery())).Select(i => i.Id));
    }

    [Fact]
    public async Task Saves_queued_when_the_file_goes_away_fail_with_FLOW6123_instead_of_writing_to_the_moved_file()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        var away = db.File + ".away";
        Task<bool> first, queued;
        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db.File, Pooling = false }.ToString()))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }

            first = store.TrySaveAsync(Instances.Waiting("first"), 0).AsTask();
            await Task.Delay(1000); // the writer holds "first" and waits for the lock (generous: a loaded CI machine)
            queued = store.TrySaveAsync(Instances.Waiting("queued"), 0).AsTask();
            await Task.Delay(100);
            File.Move(db.File, away);
            using var commit = holder.CreateCommand();
            commit.CommandText = "COMMIT;";
            commit.ExecuteNonQuery();
        }

        var timeout = TimeSpan.FromSeconds(60);
        Assert.True(await first.WaitAsync(timeout)); // it was being written when the file moved: it is in the moved file
        var error = await Assert.ThrowsAsync<FlowStorageException>(() => queued.WaitAsync(timeout));
        Assert.Equal("FLOW6123", error.Id);

        File.Move(away, db.File);
        Assert.NotNull(await store.LoadAsync("first"));
        Assert.Null(await store.LoadAsync("queued"));
    }
}
