using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>The SQLite store keeps ended instances under an <see cref="InstanceRetention"/> as the in-memory store does (issue 11, retention).</summary>
public class SqliteRetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static StoredInstance Instance(string id, InstanceStatus status) =>
        new(id, "order", "Shop.Flows", 1, "hash", status, "{}", 0);

    private static async Task<string[]> Ids(SqliteInstanceStore store) =>
        (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id).ToArray();

    [Fact]
    public async Task Only_ended_instances_count_oldest_ended_go_first_and_one_that_ends_later_joins_the_end_of_the_line()
    {
        using var db = new TempDatabase();

        // a clock that stands still: the order comes from when instances ended, not from their times
        var store = db.Open(new InstanceRetention { MaxEnded = 2 }, new FixedTime(Start));
        Assert.True(await store.TrySaveAsync(Instance("a", InstanceStatus.Waiting), 0));
        Assert.True(await store.TrySaveAsync(Instance("retry", InstanceStatus.Failed), 0));
        Assert.True(await store.TrySaveAsync(Instance("b", InstanceStatus.Completed), 0));
        Assert.True(await store.TrySaveAsync(Instance("c", InstanceStatus.Failed) with { Ended = true }, 0));
        Assert.True(await store.TrySaveAsync(Instance("d", InstanceStatus.Aborted), 0));

        Assert.Equal(new[] { "a", "c", "d", "retry" }, await Ids(store));

        Assert.True(await store.TrySaveAsync(Instance("a", InstanceStatus.Completed), 1));
        Assert.Equal(new[] { "a", "d", "retry" }, await Ids(store));

        // saving an ended instance again keeps its place in the line
        Assert.True(await store.TrySaveAsync(Instance("d", InstanceStatus.Aborted) with { StateJson = "{\"again\":true}" }, 1));
        Assert.True(await store.TrySaveAsync(Instance("e", InstanceStatus.Completed), 0));
        Assert.Equal(new[] { "a", "e", "retry" }, await Ids(store));
    }

    [Fact]
    public async Task By_default_the_latest_10000_ended_instances_are_kept()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        var max = InstanceRetention.Default.MaxEnded;
        Assert.True(await store.TrySaveAsync(Instance("waiting", InstanceStatus.Waiting), 0));
        Assert.True(await store.TrySaveAsync(Instance("first-ended", InstanceStatus.Completed), 0));

        // the rest of the 10,000 in one transaction (one commit, not 10,000 synced ones); the triggers count them
        SqlFile.Execute(db.File, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {max - 1})
            INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at, ended_seq, created_at, updated_at)
            SELECT printf('done-%06d', i), 'order', 'Shop.Flows', 1, 'hash', 'Completed', json_object(), 1, 1, '2026-01-01T00:00:00.0000000Z', 1 + i, 'x', 'x' FROM n;
            """);
        Assert.Equal((long)max, SqlFile.Scalar(db.File, "SELECT n FROM flow_ended_count;"));

        Assert.True(await store.TrySaveAsync(Instance("last-ended", InstanceStatus.Completed), 0));

        Assert.Null(await store.LoadAsync("first-ended"));
        Assert.NotNull(await store.LoadAsync("done-000001"));
        Assert.NotNull(await store.LoadAsync("last-ended"));
        Assert.NotNull(await store.LoadAsync("waiting"));
        Assert.Equal((long)max + 1, SqlFile.Scalar(db.File, "SELECT COUNT(*) FROM flow_instances;"));
        Assert.Equal((long)max, SqlFile.Scalar(db.File, "SELECT n FROM flow_ended_count;"));
    }

    [Fact]
    public async Task Ended_instances_older_than_the_retention_time_are_removed_on_save_and_on_query()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(Start);
        var store = db.Open(new InstanceRetention { KeepEndedFor = TimeSpan.FromMinutes(10) }, clock);
        Assert.True(await store.TrySaveAsync(Instance("old", InstanceStatus.Completed), 0));
        Assert.True(await store.TrySaveAsync(Instance("waiting", InstanceStatus.Waiting), 0));
        clock.Now += TimeSpan.FromMinutes(6);
        Assert.True(await store.TrySaveAsync(Instance("newer", InstanceStatus.Completed), 0));
        clock.Now += TimeSpan.FromMinutes(6);

        Assert.NotNull(await store.LoadAsync("old")); // loading does not purge, as in memory
        Assert.Equal(new[] { "newer", "waiting" }, await Ids(store));
        Assert.Equal(clock.Now - TimeSpan.FromMinutes(6), (await store.LoadAsync("newer"))!.EndedAt);

        // a save purges too; the age counts from the end time the engine gave, not from when it was saved
        clock.Now += TimeSpan.FromMinutes(5);
        Assert.True(await store.TrySaveAsync(Instance("given", InstanceStatus.Completed) with { EndedAt = clock.Now - TimeSpan.FromMinutes(11) }, 0));
        Assert.Null(await store.LoadAsync("newer"));
        Assert.Null(await store.LoadAsync("given"));
        Assert.NotNull(await store.LoadAsync("waiting"));
        Assert.Equal(0, await store.ApplyRetentionAsync());
    }

    [Fact]
    public async Task Instances_that_can_still_run_are_never_purged_however_strict_the_retention()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(Start);
        var store = db.Open(new InstanceRetention { MaxEnded = 0, KeepEndedFor = TimeSpan.Zero }, clock);
        Assert.True(await store.TrySaveAsync(Instance("waiting", InstanceStatus.Waiting), 0));
        Assert.True(await store.TrySaveAsync(Instance("running", InstanceStatus.Running), 0));
        Assert.True(await store.TrySaveAsync(Instance("retry", InstanceStatus.Failed), 0));
        Assert.True(await store.TrySaveAsync(Instance("ends", InstanceStatus.Completed), 0)); // saved, then purged at once
        clock.Now += TimeSpan.FromDays(3650);

        Assert.Equal(0, await store.ApplyRetentionAsync());
        Assert.Equal(new[] { "retry", "running", "waiting" }, await Ids(store));
        Assert.Null(await store.LoadAsync("ends"));

        // a stale save is refused and purges nothing either
        Assert.False(await store.TrySaveAsync(Instance("waiting", InstanceStatus.Completed), 0));
        Assert.Equal(InstanceStatus.Waiting, (await store.LoadAsync("waiting"))!.Status);
    }

    [Fact]
    public async Task Deleting_an_ended_instance_frees_its_place_and_one_that_runs_again_leaves_the_line()
    {
        using var db = new TempDatabase();
        var store = db.Open(new InstanceRetention { MaxEnded = 2 });
        Assert.True(await store.TrySaveAsync(Instance("a", InstanceStatus.Completed), 0));
        Assert.True(await store.TrySaveAsync(Instance("b", InstanceStatus.Completed), 0));
        Assert.True(await store.DeleteAsync("b"));
        Assert.True(await store.TrySaveAsync(Instance("c", InstanceStatus.Completed), 0));
        Assert.Equal(new[] { "a", "c" }, await Ids(store));

        Assert.True(await store.TrySaveAsync(Instance("a", InstanceStatus.Waiting), 1)); // retried: not ended any more
        Assert.True(await store.TrySaveAsync(Instance("d", InstanceStatus.Completed), 0));
        Assert.Equal(new[] { "a", "c", "d" }, await Ids(store));
        Assert.Equal(2L, SqlFile.Scalar(db.File, "SELECT n FROM flow_ended_count;"));
    }

    [Fact]
    public async Task A_store_with_a_tighter_retention_purges_what_another_left_when_it_queries()
    {
        using var db = new TempDatabase();
        var loose = db.Open(new InstanceRetention { MaxEnded = 10 });
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.True(await loose.TrySaveAsync(Instance(id, InstanceStatus.Completed), 0));
        }

        var tight = db.Open(new InstanceRetention { MaxEnded = 1 });
        Assert.Equal(new[] { "c" }, await Ids(tight));
    }

    [Fact]
    public async Task Two_stores_ending_instances_at_once_keep_the_count_bound_and_the_count_exact()
    {
        using var db = new TempDatabase();
        var retention = new InstanceRetention { MaxEnded = 5 };
        var stores = new[] { db.Open(retention), db.Open(retention) };
        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var id = $"s{s}-{i:D2}";
                Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 0));
                Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Completed), 1));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(5L, SqlFile.Scalar(db.File, "SELECT COUNT(*) FROM flow_instances WHERE ended = 1;"));
        Assert.Equal(5L, SqlFile.Scalar(db.File, "SELECT n FROM flow_ended_count;"));
        Assert.Equal(0L, SqlFile.Scalar(db.File, "SELECT COUNT(*) FROM flow_instances WHERE ended = 0;"));
        Assert.Equal(5L, SqlFile.Scalar(db.File, "SELECT COUNT(DISTINCT ended_seq) FROM flow_instances;"));
    }

    [Fact]
    public async Task A_version_1_file_is_upgraded_with_its_ended_instances_lined_up_by_end_time_and_counted()
    {
        using var db = new TempDatabase();
        SqlFile.Execute(db.File, SqliteSchema.Migrations[0] + """
            CREATE TABLE flow_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);
            INSERT INTO flow_schema_version VALUES (1, 'then');
            INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at, created_at, updated_at) VALUES
                ('ended-second', 'order', 'Shop.Flows', 1, 'hash', 'Completed', '{}', 1, 1, '2026-01-01T00:00:02.0000000Z', 'x', 'x'),
                ('ended-first',  'order', 'Shop.Flows', 1, 'hash', 'Completed', '{}', 1, 1, '2026-01-01T00:00:01.0000000Z', 'x', 'x'),
                ('ended-third',  'order', 'Shop.Flows', 1, 'hash', 'Aborted',   '{}', 1, 1, '2026-01-01T00:00:03.0000000Z', 'x', 'x'),
                ('waiting',      'order', 'Shop.Flows', 1, 'hash', 'Waiting',   '{}', 1, 0, NULL, 'x', 'x');
            """);

        var store = db.Open(new InstanceRetention { MaxEnded = 2 });

        Assert.Equal(3L, SqlFile.Scalar(db.File, "SELECT n FROM flow_ended_count;"));
        Assert.Equal("ended-first,ended-second,ended-third", SqlFile.Scalar(db.File, "SELECT group_concat(id) FROM (SELECT id FROM flow_instances WHERE ended_seq IS NOT NULL ORDER BY ended_seq);"));
        Assert.Equal(new[] { "ended-second", "ended-third", "waiting" }, await Ids(store));
        Assert.True(await store.TrySaveAsync(Instance("ended-fourth", InstanceStatus.Completed), 0));
        Assert.Equal(new[] { "ended-fourth", "ended-third", "waiting" }, await Ids(store));
    }

    [Fact]
    public void The_purge_statements_use_indexes_not_a_scan_of_the_table()
    {
        using var db = new TempDatabase();
        db.Open();

        var count = SqlFile.Plan(db.File, SqliteRetention.CountBound, ("$max", 10));
        var age = SqlFile.Plan(db.File, SqliteRetention.AgeBound, ("$cutoff", "2026-01-01T00:00:00.0000000Z"));

        Assert.Contains(count, step => step.Contains("ix_flow_instances_ended_seq", StringComparison.Ordinal));
        Assert.Contains(age, step => step.Contains("ix_flow_instances_ended", StringComparison.Ordinal));
        Assert.DoesNotContain(count.Concat(age), step => step.StartsWith("SCAN flow_instances", StringComparison.Ordinal));
    }
}
