using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>Retention in SQL, as SQLite and memory do it: a count bound (oldest-ended first) and an age bound; running instances are never removed.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRetentionTests(PostgreSqlFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly string _database = fixture.NewDatabase();
    private readonly List<PostgreSqlInstanceStore> _stores = new();

    private PostgreSqlInstanceStore Open(InstanceRetention retention, TimeProvider? time = null)
    {
        var store = new PostgreSqlInstanceStore(_database, retention, time);
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    private static async Task<string> Ids(PostgreSqlInstanceStore store) =>
        string.Join(",", (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));

    [Fact]
    public async Task Each_save_keeps_the_latest_ended_instances_within_the_count_in_the_order_they_ended()
    {
        var store = Open(new InstanceRetention { MaxEnded = 2 });
        await store.TrySaveAsync(Instances.Waiting("run-1"), 0);
        foreach (var id in new[] { "e-c", "e-a", "e-b" })
        {
            await store.TrySaveAsync(Instances.Waiting(id), 0);
        }

        // they end in the order c, a, b (not their ids' order, not their clocks')
        await store.TrySaveAsync(Instances.Completed("e-c", T0.AddHours(5)), 1);
        await store.TrySaveAsync(Instances.Completed("e-a", T0.AddHours(1)), 1);
        Assert.Equal("e-a,e-b,e-c,run-1", await Ids(store)); // e-b still waits
        await store.TrySaveAsync(Instances.Completed("e-b", T0), 1);
        Assert.Equal("e-a,e-b,run-1", await Ids(store));

        // an ended instance deleted frees its place; one that runs again leaves the line
        Assert.True(await store.DeleteAsync("e-a"));
        await store.TrySaveAsync(Instances.Completed("e-d"), 0);
        Assert.Equal("e-b,e-d,run-1", await Ids(store));
        await store.TrySaveAsync(Instances.Waiting("e-b"), 2);
        await store.TrySaveAsync(Instances.Completed("e-e"), 0);
        Assert.Equal("e-b,e-d,e-e,run-1", await Ids(store));
    }

    [Fact]
    public async Task The_age_bound_purges_on_query_and_on_ApplyRetentionAsync_and_a_tighter_store_purges_what_a_looser_one_left()
    {
        var time = new FixedTime(T0);
        var loose = Open(InstanceRetention.Default, time);
        await loose.TrySaveAsync(Instances.Completed("old", T0.AddDays(-3)), 0);
        await loose.TrySaveAsync(Instances.Completed("new", T0.AddHours(-1)), 0);
        await loose.TrySaveAsync(Instances.Waiting("waiting") with { }, 0);
        Assert.Equal("new,old,waiting", await Ids(loose));

        var tight = Open(new InstanceRetention { KeepEndedFor = TimeSpan.FromDays(1) }, time);
        Assert.Equal("new,waiting", await Ids(tight));

        time.Now = T0.AddDays(2);
        Assert.Equal(1, await tight.ApplyRetentionAsync());
        Assert.Equal(0, await tight.ApplyRetentionAsync());
        Assert.Equal("waiting", await Ids(loose));

        var none = Open(new InstanceRetention { MaxEnded = 0 }, time);
        await none.TrySaveAsync(Instances.Completed("at-once"), 0);
        Assert.Null(await none.LoadAsync("at-once"));
        Assert.NotNull(await none.LoadAsync("waiting"));
    }

    [Fact]
    public async Task Concurrent_ending_saves_never_delete_an_instance_the_count_keeps_and_a_purge_brings_it_to_the_bound()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Open(new InstanceRetention { MaxEnded = 25 })).ToArray();
        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var n = 0; n < 40; n++)
            {
                Assert.True(await store.TrySaveAsync(Instances.Completed($"s{s}-{n:D2}"), 0));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        // counted without a query (which purges first): at least the bound is kept; saves that
        // crossed it at the same moment may leave one extra each
        var (rows, counted) = await CountAsync();
        Assert.Equal(rows, counted);
        Assert.InRange(rows, 25, 25 + stores.Length);

        await stores[0].ApplyRetentionAsync();
        Assert.Equal((25L, 25L), await CountAsync());
        Assert.Equal(25, (await stores[1].QueryAsync(new InstanceQuery())).Count);
    }

    private async Task<(long Rows, long Counted)> CountAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*), (SELECT sum(n) FROM flow_ended_count)::bigint FROM flow_instances;", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
