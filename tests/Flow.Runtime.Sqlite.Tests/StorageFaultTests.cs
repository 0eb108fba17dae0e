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
}
