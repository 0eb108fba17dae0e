using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// Concurrent saves and loads of one store share transactions and round trips (group commit):
/// each save keeps its own revision check, a save that cannot be written fails alone, and
/// with a large retention bound the count is checked every n-th ending save.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlGroupCommitTests(PostgreSqlFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _database = fixture.NewDatabase();
    private readonly List<PostgreSqlInstanceStore> _stores = new();

    private PostgreSqlInstanceStore Open(InstanceRetention? retention = null)
    {
        var store = new PostgreSqlInstanceStore(_database, retention ?? InstanceRetention.Default);
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    [Fact]
    public async Task Concurrent_saves_of_one_store_each_keep_their_own_revision_check()
    {
        var store = Open();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(await store.TrySaveAsync(Instances.Waiting($"i-{i:D3}"), 0));
        }

        // at once: for every instance one save with the revision read (1) and one stale (0 = new), plus a second save of revision 1
        var saves = Enumerable.Range(0, 100).SelectMany(i => new[]
        {
            (Id: $"i-{i:D3}", Kind: "fresh", Task: store.TrySaveAsync(Instances.Completed($"i-{i:D3}"), 1).AsTask()),
            (Id: $"i-{i:D3}", Kind: "stale", Task: store.TrySaveAsync(Instances.Completed($"i-{i:D3}"), 0).AsTask()),
            (Id: $"i-{i:D3}", Kind: "again", Task: store.TrySaveAsync(Instances.Waiting($"i-{i:D3}"), 1).AsTask()),
        }).ToList();
        var results = await Task.WhenAll(saves.Select(s => s.Task)).WaitAsync(Timeout);

        foreach (var group in saves.Select((s, i) => (s.Id, s.Kind, Saved: results[i])).GroupBy(s => s.Id))
        {
            Assert.False(group.Single(s => s.Kind == "stale").Saved);
            // of the two saves with revision 1 exactly one wins, and the row is that one's
            var winners = group.Where(s => s.Kind != "stale" && s.Saved).ToList();
            Assert.Single(winners);
            var loaded = await store.LoadAsync(group.Key);
            Assert.Equal(2, loaded!.Revision);
            Assert.Equal(winners[0].Kind == "fresh" ? InstanceStatus.Completed : InstanceStatus.Waiting, loaded.Status);
        }
    }

    [Fact]
    public async Task A_save_that_cannot_be_written_fails_alone_and_the_others_of_its_batch_commit()
    {
        var store = Open();
        // PostgreSQL text cannot hold U+0000: that save's statement fails, and with it the transaction it shares
        var bad = Instances.Waiting("bad", state: "{\"Data\":\"\u0000\"}");
        var saves = Enumerable.Range(0, 200).Select(i => store.TrySaveAsync(Instances.Waiting($"ok-{i:D3}"), 0).AsTask())
            .Append(store.TrySaveAsync(bad, 0).AsTask())
            .Concat(Enumerable.Range(200, 200).Select(i => store.TrySaveAsync(Instances.Waiting($"ok-{i:D3}"), 0).AsTask()))
            .ToList();
        await Task.WhenAny(Task.WhenAll(saves), Task.Delay(Timeout));

        foreach (var save in saves.Where((_, i) => i != 200))
        {
            Assert.True(await save);
        }

        await Assert.ThrowsAnyAsync<PostgresException>(() => saves[200]);
        Assert.Null(await store.LoadAsync("bad"));
        Assert.Equal(400, (await store.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task Concurrent_loads_share_round_trips_and_each_gets_its_own_instance_jobs_and_subscriptions()
    {
        var store = Open();
        var due = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 50; i++)
        {
            var instance = Instances.Waiting($"l-{i:D2}", state: "{\"Data\":{\"n\":" + i + "}}") with
            {
                Jobs = i % 2 == 0 ? [new ScheduledJob($"l-{i:D2}/timer", "timer", due.AddMinutes(i)) { NodeId = "Wait" }] : [],
                Subscriptions = i % 3 == 0 ? [new EventSubscription(SubscriptionKind.Message, "paid", $"k-{i}", "Catch")] : [],
            };
            Assert.True(await store.TrySaveAsync(instance, 0));
        }

        var loads = Enumerable.Range(0, 60).Select(i => store.LoadAsync($"l-{i % 55:D2}").AsTask()).ToList();
        var results = await Task.WhenAll(loads).WaitAsync(Timeout);

        for (var i = 0; i < 60; i++)
        {
            var n = i % 55;
            var loaded = results[i];
            if (n >= 50)
            {
                Assert.Null(loaded);
                continue;
            }

            Assert.Equal($"l-{n:D2}", loaded!.Id);
            Assert.Equal("{\"Data\":{\"n\":" + n + "}}", loaded.StateJson);
            Assert.Equal(n % 2 == 0 ? [$"l-{n:D2}/timer"] : Array.Empty<string>(), loaded.Jobs.Select(j => j.Id));
            Assert.Equal(n % 3 == 0 ? [$"k-{n}"] : Array.Empty<string?>(), loaded.Subscriptions.Select(s => s.CorrelationKey));
        }
    }

    [Fact]
    public async Task With_a_large_bound_the_count_is_checked_every_nth_ending_save_and_never_falls_below_the_bound()
    {
        // 300 -> a check every 3rd ending save
        var stores = Enumerable.Range(0, 3).Select(_ => Open(new InstanceRetention { MaxEnded = 300 })).ToArray();
        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var n = 0; n < 200; n++)
            {
                Assert.True(await store.TrySaveAsync(Instances.Completed($"s{s}-{n:D3}"), 0));
            }
        }))).WaitAsync(Timeout);

        var (rows, counted) = await CountAsync();
        Assert.Equal(rows, counted);
        Assert.InRange(rows, 300, 300 + (stores.Length * 3));

        // the oldest-ended went: each store's first saves are gone, its last ones kept
        foreach (var s in Enumerable.Range(0, stores.Length))
        {
            Assert.Null(await stores[0].LoadAsync($"s{s}-000"));
            Assert.NotNull(await stores[0].LoadAsync($"s{s}-199"));
        }

        await stores[0].ApplyRetentionAsync();
        Assert.Equal((300L, 300L), await CountAsync());
    }

    private async Task<(long Rows, long Counted)> CountAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), (SELECT sum(n) FROM flow_ended_count)::bigint FROM flow_instances;", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
