using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>The instance store's contract against a real server: load, save, revisions, query, delete, jobs and subscriptions saved with the instance.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlInstanceStoreTests(PostgreSqlFixture fixture) : IDisposable
{
    private readonly string _database = fixture.NewDatabase();
    private readonly List<PostgreSqlInstanceStore> _stores = new();

    private PostgreSqlInstanceStore Open(InstanceRetention? retention = null, TimeProvider? time = null)
    {
        var store = new PostgreSqlInstanceStore(_database, retention ?? InstanceRetention.Default, time);
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_saved_instance_loads_with_every_field_its_jobs_and_its_subscriptions()
    {
        var store = Open();
        var instance = Instances.Waiting("i-1") with
        {
            Jobs = [new ScheduledJob("i-1/timer", "timer", T0.AddMinutes(5)) { NodeId = "Wait", Payload = """{"left":3}""" }],
            Subscriptions =
            [
                new EventSubscription(SubscriptionKind.Message, "paid", "order-1", "CatchPaid"),
                new EventSubscription(SubscriptionKind.Signal, "stop", null, "CatchStop"),
            ],
        };

        Assert.True(await store.TrySaveAsync(instance, 0));
        var loaded = (await Open().LoadAsync("i-1"))!;

        Assert.Equal(("i-1", "order", "Shop.Flows", 1, "hash-1", InstanceStatus.Waiting, """{"Data":{"amount":7}}""", 1L, false),
            (loaded.Id, loaded.ProcessKey, loaded.DeploymentName, loaded.DeploymentVersion, loaded.DefinitionHash, loaded.Status, loaded.StateJson, loaded.Revision, loaded.Ended));
        Assert.Null(loaded.EndedAt);
        var job = Assert.Single(loaded.Jobs);
        Assert.Equal(new ScheduledJob("i-1/timer", "timer", T0.AddMinutes(5)) { InstanceId = "i-1", NodeId = "Wait", Payload = """{"left":3}""" }, job);
        Assert.Equal(instance.Subscriptions, loaded.Subscriptions);
        Assert.Null(await store.LoadAsync("missing"));
    }

    [Fact]
    public async Task A_new_instance_under_a_taken_id_and_a_stale_revision_are_refused_and_change_nothing()
    {
        var store = Open();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i-1") with { Jobs = [new ScheduledJob("j-1", "timer", T0)] }, 0));
        Assert.False(await store.TrySaveAsync(Instances.Waiting("i-1", state: "{}"), 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("i-1", state: """{"v":2}"""), 1));

        Assert.False(await store.TrySaveAsync(Instances.Waiting("i-1", state: """{"v":"stale"}""") with { Jobs = [new ScheduledJob("j-stale", "timer", T0)] }, 1));
        Assert.False(await store.TrySaveAsync(Instances.Waiting("gone"), 3));

        var loaded = (await store.LoadAsync("i-1"))!;
        Assert.Equal(2, loaded.Revision);
        Assert.Equal("""{"v":2}""", loaded.StateJson);
        Assert.Empty(await store.ListAsync()); // the second save listed no job: j-1 went; the stale one added none
        Assert.Null(await store.LoadAsync("gone"));
    }

    [Fact]
    public async Task Two_stores_saving_the_same_revision_at_once_give_exactly_one_success_every_round()
    {
        var stores = new[] { Open(), Open() }; // separate pools: separate connections
        for (var round = 0; round < 100; round++)
        {
            var id = $"r-{round}";
            Assert.True(await stores[0].TrySaveAsync(Instances.Waiting(id), 0));
            var results = await Task.WhenAll(stores.Select((s, n) => Task.Run(async () => await s.TrySaveAsync(Instances.Waiting(id, state: $"{{\"by\":{n}}}"), 1))))
                .WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Single(results, r => r);
            var winner = Array.IndexOf(results, true);
            Assert.Equal($"{{\"by\":{winner}}}", (await stores[0].LoadAsync(id))!.StateJson);
        }
    }

    [Fact]
    public async Task Query_filters_on_every_field_orders_by_id_and_finds_subscribers()
    {
        var store = Open();
        await store.TrySaveAsync(Instances.Waiting("b", key: "order", version: 1) with { Subscriptions = [new(SubscriptionKind.Message, "paid", "k1", "Catch")] }, 0);
        await store.TrySaveAsync(Instances.Waiting("a", key: "order", version: 2) with { Subscriptions = [new(SubscriptionKind.Message, "paid", null, "Catch")] }, 0);
        await store.TrySaveAsync(Instances.Waiting("c", key: "invoice", deployment: "Billing") with { Subscriptions = [new(SubscriptionKind.Signal, "stop", null, "Catch")] }, 0);
        await store.TrySaveAsync(Instances.Completed("d"), 0);

        async Task<string> Ids(InstanceQuery query) => string.Join(",", (await store.QueryAsync(query)).Select(i => i.Id));

        Assert.Equal("a,b,c,d", await Ids(new InstanceQuery()));
        Assert.Equal("a,b,d", await Ids(new InstanceQuery(ProcessKey: "order")));
        Assert.Equal("c", await Ids(new InstanceQuery(DeploymentName: "Billing")));
        Assert.Equal("a", await Ids(new InstanceQuery(DeploymentVersion: 2)));
        Assert.Equal("d", await Ids(new InstanceQuery(Status: InstanceStatus.Completed)));
        Assert.Equal("b", await Ids(new InstanceQuery(ProcessKey: "order", DeploymentVersion: 1, Status: InstanceStatus.Waiting)));

        // a subscription without a key matches any key; a filter without a key matches every subscription of the name
        Assert.Equal("a,b", await Ids(new InstanceQuery { Subscribed = new(SubscriptionKind.Message, "paid", "k1") }));
        Assert.Equal("a", await Ids(new InstanceQuery { Subscribed = new(SubscriptionKind.Message, "paid", "k2") }));
        Assert.Equal("a,b", await Ids(new InstanceQuery { Subscribed = new(SubscriptionKind.Message, "paid") }));
        Assert.Equal("c", await Ids(new InstanceQuery { Subscribed = new(SubscriptionKind.Signal, "stop") }));
        Assert.Equal("", await Ids(new InstanceQuery { Subscribed = new(SubscriptionKind.Signal, "paid") }));
        Assert.Equal("b", await Ids(new InstanceQuery(DeploymentVersion: 1) { Subscribed = new(SubscriptionKind.Message, "paid", "k1") }));

        var queried = Assert.Single(await store.QueryAsync(new InstanceQuery { Subscribed = new(SubscriptionKind.Signal, "stop") }));
        Assert.Equal(new EventSubscription(SubscriptionKind.Signal, "stop", null, "Catch"), Assert.Single(queried.Subscriptions));
    }

    [Fact]
    public async Task The_subscription_query_uses_the_index()
    {
        var store = Open();
        for (var n = 0; n < 200; n++)
        {
            await store.TrySaveAsync(Instances.Waiting($"i-{n}") with { Subscriptions = [new(SubscriptionKind.Message, $"m-{n}", null, "Catch")] }, 0);
        }

        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE flow_subscriptions; SET enable_seqscan = off;", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN SELECT instance_id FROM flow_subscriptions WHERE kind = 'Message' AND name = 'm-7';", connection);
        var plan = string.Join("\n", await ReadAll(explain));
        Assert.Contains("ix_flow_subscriptions_name", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_replaces_the_instances_jobs_keeping_a_listed_one_with_its_lease_and_replaces_its_subscriptions()
    {
        var store = Open();
        var keep = new ScheduledJob("keep", "timer", T0);
        await store.TrySaveAsync(Instances.Waiting("i") with
        {
            Jobs = [keep, new ScheduledJob("drop", "timer", T0.AddHours(1))],
            Subscriptions = [new(SubscriptionKind.Message, "old", null, "A")],
        }, 0);
        var leased = Assert.Single(await store.AcquireDueAsync("node-a", T0, TimeSpan.FromMinutes(1), 10));

        await store.TrySaveAsync(Instances.Waiting("i") with
        {
            Jobs = [keep with { DueAt = T0.AddDays(9) }, new ScheduledJob("new", "continuation", T0.AddHours(2))],
            Subscriptions = [new(SubscriptionKind.Signal, "new", null, "B")],
        }, 1);

        var jobs = await store.ListAsync("i");
        Assert.Equal(["keep", "new"], jobs.Select(j => j.Id));
        Assert.Equal(T0, jobs[0].DueAt); // kept as it was
        Assert.True(await store.CompleteAsync(leased)); // the lease survived the save
        Assert.Equal(new EventSubscription(SubscriptionKind.Signal, "new", null, "B"), Assert.Single((await store.LoadAsync("i"))!.Subscriptions));
        Assert.Empty(await store.QueryAsync(new InstanceQuery { Subscribed = new(SubscriptionKind.Message, "old") }));
    }

    [Fact]
    public async Task Delete_removes_the_instance_with_its_jobs_and_subscriptions()
    {
        var store = Open();
        await store.TrySaveAsync(Instances.Waiting("i") with { Jobs = [new ScheduledJob("j", "timer", T0)], Subscriptions = [new(SubscriptionKind.Signal, "s", null, "A")] }, 0);
        await store.ScheduleAsync(new ScheduledJob("free", "timer-start", T0));

        Assert.True(await store.DeleteAsync("i"));
        Assert.False(await store.DeleteAsync("i"));

        Assert.Null(await store.LoadAsync("i"));
        Assert.Equal(["free"], (await store.ListAsync()).Select(j => j.Id));
        Assert.Empty(await store.QueryAsync(new InstanceQuery { Subscribed = new(SubscriptionKind.Signal, "s") }));
    }

    [Fact]
    public async Task Ended_at_is_the_engines_or_the_first_ended_saves_time_kept_while_ended_and_cleared_when_running_again()
    {
        var time = new FixedTime(T0);
        var store = Open(time: time);
        await store.TrySaveAsync(Instances.Completed("given", endedAt: T0.AddMinutes(-3)), 0);
        Assert.Equal(T0.AddMinutes(-3), (await store.LoadAsync("given"))!.EndedAt);

        await store.TrySaveAsync(Instances.Waiting("i"), 0);
        time.Now = T0.AddMinutes(1);
        await store.TrySaveAsync(Instances.Completed("i"), 1);
        time.Now = T0.AddMinutes(2);
        await store.TrySaveAsync(Instances.Completed("i"), 2);
        var ended = (await store.LoadAsync("i"))!;
        Assert.True(ended.Ended);
        Assert.Equal(T0.AddMinutes(1), ended.EndedAt);

        await store.TrySaveAsync(Instances.Waiting("i"), 3);
        var running = (await store.LoadAsync("i"))!;
        Assert.False(running.Ended);
        Assert.Null(running.EndedAt);
    }

    internal static async Task<List<string>> ReadAll(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetValue(0).ToString()!);
        }

        return lines;
    }
}
