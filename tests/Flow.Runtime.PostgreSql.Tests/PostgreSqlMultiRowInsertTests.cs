using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// Group commit writes the new instances without jobs or subscriptions of a batch as one
/// multi-row INSERT (schema unchanged): each save is still acknowledged only for itself, a
/// second start of one id in the same batch or of an id already stored is refused, and the
/// ended count (statement-level triggers, schema version 4) stays exact whatever mix of
/// statements writes and deletes the rows.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlMultiRowInsertTests(PostgreSqlFixture fixture) : IDisposable
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
    public async Task Concurrent_starts_write_each_new_id_once_and_refuse_a_duplicate_or_an_id_already_stored()
    {
        var store = Open();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await store.TrySaveAsync(Instances.Waiting($"old-{i:D2}", state: "{\"Data\":{\"old\":true}}"), 0));
        }

        // at once: 200 new ids, each saved twice (different states), and a new save of each stored id
        var saves = Enumerable.Range(0, 200).SelectMany(i => new[]
            {
                (Id: $"new-{i:D3}", Kind: "a", Task: store.TrySaveAsync(Instances.Waiting($"new-{i:D3}", state: "{\"Data\":{\"by\":\"a\"}}"), 0).AsTask()),
                (Id: $"new-{i:D3}", Kind: "b", Task: store.TrySaveAsync(Instances.Completed($"new-{i:D3}") with { StateJson = "{\"Data\":{\"by\":\"b\"}}" }, 0).AsTask()),
            })
            .Concat(Enumerable.Range(0, 20).Select(i => (Id: $"old-{i:D2}", Kind: "again", Task: store.TrySaveAsync(Instances.Completed($"old-{i:D2}"), 0).AsTask())))
            .ToList();
        var results = await Task.WhenAll(saves.Select(s => s.Task)).WaitAsync(Timeout);

        foreach (var group in saves.Select((s, i) => (s.Id, s.Kind, Saved: results[i])).GroupBy(s => s.Id))
        {
            var loaded = await store.LoadAsync(group.Key);
            Assert.Equal(1, loaded!.Revision);
            if (group.Key.StartsWith("old-", StringComparison.Ordinal))
            {
                Assert.False(group.Single().Saved);
                Assert.Equal("{\"Data\":{\"old\":true}}", loaded.StateJson);
                Assert.False(loaded.Ended);
                continue;
            }

            // exactly one of the two starts wins, and the row is that one's
            var winner = Assert.Single(group, s => s.Saved);
            Assert.Equal("{\"Data\":{\"by\":\"" + winner.Kind + "\"}}", loaded.StateJson);
            Assert.Equal(winner.Kind == "b", loaded.Ended);
            Assert.Equal(winner.Kind == "b" ? InstanceStatus.Completed : InstanceStatus.Waiting, loaded.Status);
            Assert.Equal(winner.Kind == "b", loaded.EndedAt is not null);
        }

        var (ended, counted) = await CountEndedAsync();
        Assert.Equal(ended, counted);
    }

    [Fact]
    public async Task The_ended_count_stays_exact_through_batched_inserts_updates_reopenings_deletes_and_retention()
    {
        var store = Open(new InstanceRetention { MaxEnded = 1_000 });
        // batched starts, a third of them ended at once
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            store.TrySaveAsync(i % 3 == 0 ? Instances.Completed($"c-{i:D3}") : Instances.Waiting($"c-{i:D3}"), 0).AsTask())).WaitAsync(Timeout);
        Assert.Equal((100L, 100L), await CountEndedAsync());

        // batched updates: running ones end, ended ones run again (leave the line), a few stale
        var updates = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            store.TrySaveAsync(i % 3 == 0 ? Instances.Waiting($"c-{i:D3}") : Instances.Completed($"c-{i:D3}"), i % 7 == 0 ? 5 : 1).AsTask())).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i % 7 != 0), updates);
        var (ended, counted) = await CountEndedAsync();
        Assert.Equal(ended, counted);

        // deletes of ended and running instances, then a tighter store's purge down to its bound
        foreach (var i in new[] { 1, 2, 3, 4, 5, 6 })
        {
            Assert.True(await store.DeleteAsync($"c-{i:D3}"));
        }

        (ended, counted) = await CountEndedAsync();
        Assert.Equal(ended, counted);
        await Open(new InstanceRetention { MaxEnded = 150 }).ApplyRetentionAsync();
        Assert.Equal((150L, 150L), await CountEndedAsync());
    }

    [Fact]
    public async Task A_version_3_database_keeps_its_count_and_counts_per_statement_after_the_upgrade()
    {
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var v3 = new NpgsqlCommand(
                string.Join("\n", PostgreSqlSchema.Migrations.Take(3)) + """
                CREATE TABLE flow_schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO flow_schema_version (version) VALUES (1), (2), (3);
                INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, ended_at, ended_seq, created_at, updated_at)
                SELECT 'old-' || n, 'order', 'Shop.Flows', 1, 'hash-1', CASE WHEN n % 2 = 0 THEN 'Completed' ELSE 'Waiting' END, '{}', 1,
                       n % 2 = 0, CASE WHEN n % 2 = 0 THEN now() END, CASE WHEN n % 2 = 0 THEN nextval('flow_ended_seq') END, now(), now()
                FROM generate_series(1, 10) AS n;
                """,
                connection);
            await v3.ExecuteNonQueryAsync();
        }

        var store = Open();
        Assert.Equal((5L, 5L), await CountEndedAsync());
        Assert.Equal(
            ["tr_flow_instances_count_deleted", "tr_flow_instances_count_inserted", "tr_flow_instances_count_updated"],
            await QueryAsync("SELECT tgname FROM pg_trigger WHERE tgrelid = 'flow_instances'::regclass AND NOT tgisinternal ORDER BY tgname;"));
        Assert.Equal(["0"], await QueryAsync("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'flow_instances'::regclass AND NOT tgisinternal AND (tgtype & 1) = 1;"));

        // one ends, one runs again, one is deleted ended
        Assert.True(await store.TrySaveAsync(Instances.Completed("old-1"), 1));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("old-2"), 1));
        Assert.True(await store.DeleteAsync("old-4"));
        Assert.Equal((4L, 4L), await CountEndedAsync());
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await PostgreSqlInstanceStoreTests.ReadAll(command);
    }

    private async Task<(long Ended, long Counted)> CountEndedAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FILTER (WHERE ended), (SELECT sum(n) FROM flow_ended_count)::bigint FROM flow_instances;", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
