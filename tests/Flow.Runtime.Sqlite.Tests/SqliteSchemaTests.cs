using Flow.Instances;
using Microsoft.Data.Sqlite;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>The store creates and upgrades its own schema, once, also when two open a new file at once.</summary>
public class SqliteSchemaTests
{
    [Fact]
    public async Task Opening_a_file_twice_applies_each_migration_once_and_sets_wal()
    {
        using var db = new TempDatabase();
        var first = db.Open();
        Assert.True(await first.TrySaveAsync(Instances.Waiting("kept"), 0));
        first.Dispose();

        var second = db.Open();

        Assert.Equal(Enumerable.Range(1, SqliteSchema.LatestVersion), Versions(db.File));
        Assert.Equal("wal", Scalar(db.File, "PRAGMA journal_mode;"));
        Assert.NotNull(await second.LoadAsync("kept"));
    }

    [Fact]
    public async Task Two_stores_opening_a_new_file_at_once_both_work_and_the_schema_is_created_once()
    {
        for (var round = 0; round < 20; round++)
        {
            using var db = new TempDatabase();
            using var start = new Barrier(2);
            var stores = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return db.Open(); }),
                Task.Run(() => { start.SignalAndWait(); return db.Open(); }))
                .WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(Enumerable.Range(1, SqliteSchema.LatestVersion), Versions(db.File));
            Assert.True(await stores[0].TrySaveAsync(Instances.Waiting("x"), 0));
            Assert.True(await stores[1].TrySaveAsync(Instances.Waiting("x"), 1));
        }
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_reported_and_left_as_it_is()
    {
        using var db = new TempDatabase();
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(db.File, garbage);

        var refused = Assert.Throws<FlowStorageException>(() => new SqliteInstanceStore(db.File));

        Assert.Contains(db.File, refused.Message, StringComparison.Ordinal);
        Assert.Contains("not a readable SQLite database", refused.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(garbage, File.ReadAllBytes(db.File));
    }

    [Fact]
    public void A_file_in_a_folder_that_does_not_exist_is_reported_with_its_path()
    {
        using var db = new TempDatabase();
        var file = Path.Combine(db.Folder, "missing", "flows.db");

        var refused = Assert.Throws<FlowStorageException>(() => new SqliteInstanceStore(file));

        Assert.Contains(file, refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Fact]
    public void A_file_with_a_newer_schema_is_refused_and_left_unchanged()
    {
        using var db = new TempDatabase();
        db.Open().Dispose();
        Execute(db.File, "INSERT INTO flow_schema_version (version, applied_at) VALUES (99, 'later');");

        var refused = Assert.Throws<FlowStorageException>(() => new SqliteInstanceStore(db.File));

        Assert.Contains("schema version 99", refused.Message, StringComparison.Ordinal);
        Assert.Contains(db.File, refused.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, SqliteSchema.LatestVersion).Append(99), Versions(db.File));
    }

    private static List<int> Versions(string file)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM flow_schema_version ORDER BY version;";
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static object? Scalar(string file, string sql)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string file, string sql)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Connect(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
