using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// has_children (schema version 2) lets updates of instances that never had jobs or
/// subscriptions skip deleting them, and group commit writes such updates as one multi-row
/// statement: jobs that reach an instance any other way are still replaced by its next save,
/// and every save of a multi-row batch keeps its own revision check.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlChildrenFlagTests(PostgreSqlFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Due = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly string _database = fixture.NewDatabase();
    private readonly List<PostgreSqlInstanceStore> _stores = new();

    private PostgreSqlInstanceStore Open()
    {
        var store = new PostgreSqlInstanceStore(_database);
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    [Fact]
    public async Task A_job_scheduled_outside_a_save_is_found_and_replaced_by_the_next_save_of_its_instance()
    {
        var store = Open();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i"), 0)); // a start without jobs: has_children false
        await store.ScheduleAsync(new ScheduledJob("i/outside", "timer", Due) { InstanceId = "i", NodeId = "Wait" });

        Assert.Equal(["i/outside"], (await store.LoadAsync("i"))!.Jobs.Select(j => j.Id));
        Assert.Equal(["i/outside"], (await store.ListAsync("i")).Select(j => j.Id));

        // an update that lists no jobs: the job scheduled outside goes, as with any replaced set
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i"), 1));
        Assert.Empty((await store.LoadAsync("i"))!.Jobs);
        Assert.Empty(await store.ListAsync("i"));

        // and the next one that lists a job writes exactly that one
        await store.ScheduleAsync(new ScheduledJob("i/outside-2", "timer", Due) { InstanceId = "i" });
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i") with { Jobs = [new ScheduledJob("i/saved", "timer", Due) { NodeId = "Wait" }] }, 2));
        Assert.Equal(["i/saved"], (await store.LoadAsync("i"))!.Jobs.Select(j => j.Id));
    }

    [Fact]
    public async Task Jobs_and_subscriptions_written_by_a_save_are_removed_by_a_later_update_that_lists_none()
    {
        var store = Open();
        var waiting = Instances.Waiting("i") with
        {
            Jobs = [new ScheduledJob("i/timer", "timer", Due) { NodeId = "Wait" }],
            Subscriptions = [new EventSubscription(SubscriptionKind.Message, "paid", "k", "Catch")],
        };
        Assert.True(await store.TrySaveAsync(waiting, 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i"), 1));      // the multi-row update
        Assert.True(await store.TrySaveAsync(waiting, 2));                     // a save with children
        Assert.True(await store.TrySaveAsync(Instances.Completed("i"), 3));    // the multi-row update again

        var loaded = await store.LoadAsync("i");
        Assert.Equal(4, loaded!.Revision);
        Assert.Empty(loaded.Jobs);
        Assert.Empty(loaded.Subscriptions);
        Assert.Empty(await store.QueryAsync(new InstanceQuery { Subscribed = new SubscriptionFilter(SubscriptionKind.Message, "paid", "k") }));
    }

    [Fact]
    public async Task A_batch_of_stale_and_fresh_updates_writes_the_fresh_ones_and_refuses_each_stale_one()
    {
        var store = Open();
        for (var i = 0; i < 120; i++)
        {
            Assert.True(await store.TrySaveAsync(Instances.Waiting($"m-{i:D3}"), 0));
        }

        // at once: every third stale (revision 7 never existed), the others fresh; some fresh ones also write a job
        var saves = Enumerable.Range(0, 120).Select(i =>
        {
            var instance = i % 5 == 0
                ? Instances.Waiting($"m-{i:D3}") with { Jobs = [new ScheduledJob($"m-{i:D3}/timer", "timer", Due)] }
                : Instances.Completed($"m-{i:D3}");
            return store.TrySaveAsync(instance, i % 3 == 0 ? 7 : 1).AsTask();
        }).ToList();
        var results = await Task.WhenAll(saves).WaitAsync(Timeout);

        for (var i = 0; i < 120; i++)
        {
            var fresh = i % 3 != 0;
            Assert.Equal(fresh, results[i]);
            var loaded = await store.LoadAsync($"m-{i:D3}");
            Assert.Equal(fresh ? 2 : 1, loaded!.Revision);
            var expectedStatus = !fresh || i % 5 == 0 ? InstanceStatus.Waiting : InstanceStatus.Completed;
            Assert.Equal(expectedStatus, loaded.Status);
            Assert.Equal(fresh && i % 5 == 0 ? 1 : 0, loaded.Jobs.Count);
        }
    }

    [Fact]
    public async Task Instances_of_a_version_1_database_keep_having_their_jobs_replaced_after_the_upgrade()
    {
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var v1 = new NpgsqlCommand(
                PostgreSqlSchema.Migrations[0] + """
                CREATE TABLE flow_schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO flow_schema_version (version) VALUES (1);
                INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, created_at, updated_at)
                VALUES ('old', 'order', 'Shop.Flows', 1, 'hash-1', 'Waiting', '{"Data":{"amount":7}}', 1, false, now(), now());
                INSERT INTO flow_jobs (id, kind, due_at, instance_id, attempts, runnable) VALUES ('old/timer', 'timer', now(), 'old', 0, true);
                """,
                connection);
            await v1.ExecuteNonQueryAsync();
        }

        var store = Open();
        Assert.Equal(["old/timer"], (await store.LoadAsync("old"))!.Jobs.Select(j => j.Id));
        Assert.True(await store.TrySaveAsync(Instances.Completed("old"), 1));
        Assert.Empty(await store.ListAsync("old"));
    }
}
