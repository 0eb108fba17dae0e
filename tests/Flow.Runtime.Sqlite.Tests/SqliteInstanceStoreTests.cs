using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Load, save with a revision, query, delete against a real file (issue 11, storage).</summary>
public class SqliteInstanceStoreTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_saved_instance_loads_as_it_was_saved_with_revision_1_then_2()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        var instance = Instances.Waiting("i-1");

        Assert.True(await store.TrySaveAsync(instance, 0));
        Assert.Equal(instance with { Revision = 1 }, await store.LoadAsync("i-1"));

        var moved = instance with { Status = InstanceStatus.Failed, StateJson = """{"Data":{"amount":8}}""", DeploymentVersion = 2, DefinitionHash = "hash-2" };
        Assert.True(await store.TrySaveAsync(moved, 1));
        Assert.Equal(moved with { Revision = 2 }, await store.LoadAsync("i-1"));
        Assert.Null(await store.LoadAsync("i-2"));
    }

    [Fact]
    public async Task An_ended_instance_gets_its_end_time_from_the_store_unless_given_and_keeps_it_on_later_saves()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567));
        var store = db.Open(clock);
        Assert.True(await store.TrySaveAsync(Instances.Waiting("a"), 0));

        Assert.True(await store.TrySaveAsync(Instances.Waiting("a") with { Status = InstanceStatus.Completed, Ended = true }, 1));
        var ended = (await store.LoadAsync("a"))!;
        Assert.True(ended.Ended);
        Assert.Equal(clock.Now, ended.EndedAt);

        clock.Now = clock.Now.AddHours(1);
        Assert.True(await store.TrySaveAsync(ended, 2));
        Assert.Equal(clock.Now.AddHours(-1), (await store.LoadAsync("a"))!.EndedAt);

        var given = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("b") with { Status = InstanceStatus.Aborted, Ended = true, EndedAt = given }, 0));
        Assert.Equal(given, (await store.LoadAsync("b"))!.EndedAt);

        // running again (e.g. a failed instance retried) clears the end
        Assert.True(await store.TrySaveAsync(Instances.Waiting("b"), 1));
        var resumed = (await store.LoadAsync("b"))!;
        Assert.False(resumed.Ended);
        Assert.Null(resumed.EndedAt);
    }

    [Fact]
    public async Task A_stale_revision_or_a_second_new_instance_with_the_same_id_changes_nothing_and_returns_false()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i-1"), 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i-1", state: "{\"v\":2}"), 1));
        var saved = await store.LoadAsync("i-1");

        Assert.False(await store.TrySaveAsync(Instances.Waiting("i-1", state: "{\"new\":true}"), 0));
        Assert.False(await store.TrySaveAsync(Instances.Waiting("i-1", state: "{\"stale\":true}"), 1));
        Assert.False(await store.TrySaveAsync(Instances.Waiting("i-1", state: "{\"ahead\":true}"), 3));
        Assert.False(await store.TrySaveAsync(Instances.Waiting("missing"), 1));

        Assert.Equal(saved, await store.LoadAsync("i-1"));
        Assert.Null(await store.LoadAsync("missing"));
    }

    [Fact]
    public async Task Two_concurrent_saves_with_the_same_expected_revision_exactly_one_wins_every_round()
    {
        using var db = new TempDatabase();
        var first = db.Open();
        var second = db.Open();
        Assert.True(await first.TrySaveAsync(Instances.Waiting("race"), 0));

        for (var round = 1; round <= 100; round++)
        {
            var expected = round; // the revision both read
            var results = await Task.WhenAll(
                Task.Run(async () => await first.TrySaveAsync(Instances.Waiting("race", state: $"{{\"by\":\"first\",\"round\":{round}}}"), expected)),
                Task.Run(async () => await second.TrySaveAsync(Instances.Waiting("race", state: $"{{\"by\":\"second\",\"round\":{round}}}"), expected)))
                .WaitAsync(Timeout);

            Assert.Equal(1, results.Count(r => r));
            var stored = (await first.LoadAsync("race"))!;
            Assert.Equal(expected + 1, stored.Revision);
            Assert.Equal($"{{\"by\":\"{(results[0] ? "first" : "second")}\",\"round\":{round}}}", stored.StateJson);
        }
    }

    [Fact]
    public async Task Two_concurrent_creates_of_the_same_id_exactly_one_wins()
    {
        using var db = new TempDatabase();
        var first = db.Open();
        var second = db.Open();
        for (var round = 0; round < 50; round++)
        {
            var id = "new-" + round;
            var results = await Task.WhenAll(
                Task.Run(async () => await first.TrySaveAsync(Instances.Waiting(id, state: "{\"by\":1}"), 0)),
                Task.Run(async () => await second.TrySaveAsync(Instances.Waiting(id, state: "{\"by\":2}"), 0)))
                .WaitAsync(Timeout);

            Assert.Equal(1, results.Count(r => r));
            Assert.Equal(results[0] ? "{\"by\":1}" : "{\"by\":2}", (await first.LoadAsync(id))!.StateJson);
        }
    }

    [Fact]
    public async Task Queries_match_every_given_filter_and_order_by_id()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        var all = new[]
        {
            Instances.Waiting("c", key: "order", version: 1),
            Instances.Waiting("a", key: "order", version: 2),
            Instances.Waiting("b", key: "refund", deployment: "Shop.Refunds", version: 1),
            Instances.Waiting("d", key: "order", version: 2) with { Status = InstanceStatus.Completed, Ended = true },
        };
        foreach (var instance in all)
        {
            Assert.True(await store.TrySaveAsync(instance, 0));
        }

        async Task<string> Ids(InstanceQuery query) => string.Join(",", (await store.QueryAsync(query)).Select(i => i.Id));

        Assert.Equal("a,b,c,d", await Ids(new InstanceQuery()));
        Assert.Equal("a,c,d", await Ids(new InstanceQuery(ProcessKey: "order")));
        Assert.Equal("b", await Ids(new InstanceQuery(DeploymentName: "Shop.Refunds")));
        Assert.Equal("b,c", await Ids(new InstanceQuery(DeploymentVersion: 1)));
        Assert.Equal("d", await Ids(new InstanceQuery(Status: InstanceStatus.Completed)));
        Assert.Equal("a", await Ids(new InstanceQuery(ProcessKey: "order", DeploymentVersion: 2, Status: InstanceStatus.Waiting)));
        Assert.Equal("", await Ids(new InstanceQuery(ProcessKey: "order", DeploymentName: "Shop.Refunds")));
        Assert.Equal(all.Single(i => i.Id == "d") with { Revision = 1, EndedAt = (await store.LoadAsync("d"))!.EndedAt }, (await store.QueryAsync(new InstanceQuery(Status: InstanceStatus.Completed)))[0]);
    }

    [Fact]
    public async Task Delete_removes_an_instance_once()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("gone"), 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("kept"), 0));

        Assert.True(await store.DeleteAsync("gone"));
        Assert.False(await store.DeleteAsync("gone"));

        Assert.Null(await store.LoadAsync("gone"));
        Assert.Equal(new[] { "kept" }, (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("gone"), 0)); // the id is free again
    }

    [Fact]
    public async Task A_store_reopened_on_the_same_file_sees_what_was_saved()
    {
        using var db = new TempDatabase();
        var saved = Instances.Waiting("survivor") with { Status = InstanceStatus.Completed, Ended = true, EndedAt = DateTimeOffset.UnixEpoch };
        using (var before = new SqliteInstanceStore(db.File))
        {
            Assert.True(await before.TrySaveAsync(saved, 0));
        }

        using var after = new SqliteInstanceStore(db.File);
        Assert.Equal(saved with { Revision = 1 }, await after.LoadAsync("survivor"));
        Assert.False(await after.TrySaveAsync(saved, 0));
        Assert.True(await after.TrySaveAsync(saved, 1));
    }
}
