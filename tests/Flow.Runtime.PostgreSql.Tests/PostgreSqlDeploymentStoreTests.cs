using System.Text;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>Deployments in the database: content-addressed files, the action log in commit order, NOTIFY with each action.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlDeploymentStoreTests(PostgreSqlFixture fixture) : IDisposable
{
    private readonly string _database = fixture.NewDatabase();
    private readonly List<PostgreSqlDeploymentStore> _stores = new();

    private PostgreSqlDeploymentStore Open()
    {
        var store = new PostgreSqlDeploymentStore(_database);
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    private static StoredDeployment Version(int version, string flowBytes, string name = "Shop.Flows") => new(
        name,
        version,
        $$"""{"name":"{{name}}","version":{{version}}}""",
        new Dictionary<string, byte[]>
        {
            ["Shop.Flows.dll"] = Encoding.UTF8.GetBytes(flowBytes),
            ["lib/Shared.dll"] = Encoding.UTF8.GetBytes("shared bytes"),
        });

    [Fact]
    public async Task A_saved_version_loads_with_every_file_and_files_are_stored_once_per_hash()
    {
        var store = Open();
        var first = await store.SaveAsync(Version(1, "v1"), node: "node-a");
        var second = await store.SaveAsync(Version(2, "v2"));

        Assert.Equal((1L, DeploymentActionKind.Deployed, "Shop.Flows", 1, "node-a"), (first.Sequence, first.Kind, first.Name, first.Version, first.Node));
        Assert.Equal(2, second.Sequence);
        var loaded = (await Open().LoadAsync("Shop.Flows", 2))!;
        Assert.Equal(Version(2, "v2").ManifestJson, loaded.ManifestJson);
        Assert.Equal(["Shop.Flows.dll", "lib/Shared.dll"], loaded.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("v2", Encoding.UTF8.GetString(loaded.Files["Shop.Flows.dll"]));
        Assert.Null(await store.LoadAsync("Shop.Flows", 3));

        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM flow_blobs;", connection);
        Assert.Equal(3L, await count.ExecuteScalarAsync()); // v1, v2, and the shared file once
    }

    [Fact]
    public async Task The_same_content_again_only_appends_to_the_log_and_other_content_under_a_stored_version_is_refused()
    {
        var store = Open();
        await store.SaveAsync(Version(1, "v1"));
        Assert.Equal(2, (await store.SaveAsync(Version(1, "v1"))).Sequence);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(async () => await store.SaveAsync(Version(1, "changed")));
        Assert.Equal("FLOW6102", error.Id);
        Assert.Contains("'Shop.Flows' version 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("v1", Encoding.UTF8.GetString((await store.LoadAsync("Shop.Flows", 1))!.Files["Shop.Flows.dll"]));
        Assert.Equal(2, (await store.ActionsAsync()).Count);
    }

    [Fact]
    public async Task The_log_returns_what_came_after_a_sequence_in_order()
    {
        var store = Open();
        await store.SaveAsync(Version(1, "v1"));
        await store.SaveAsync(Version(2, "v2"));
        await store.AppendAsync(DeploymentActionKind.RolledBack, "Shop.Flows", 1, "node-b");
        await store.AppendAsync(DeploymentActionKind.Undeployed, "Shop.Flows", 1);

        var after = await store.ActionsAsync(2);
        Assert.Equal([(3L, DeploymentActionKind.RolledBack, 1, "node-b"), (4L, DeploymentActionKind.Undeployed, 1, null)],
            after.Select(a => (a.Sequence, a.Kind, a.Version, a.Node)));
        Assert.Equal(4, (await store.ActionsAsync()).Count);
        Assert.Empty(await store.ActionsAsync(4));
    }

    [Fact]
    public async Task Appends_from_several_nodes_at_once_get_gapless_sequences()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => Open()).ToArray();
        var actions = await Task.WhenAll(stores.SelectMany((store, n) => Enumerable.Range(0, 20).Select(i =>
            Task.Run(async () => await store.AppendAsync(DeploymentActionKind.RolledBack, $"D{n}", i))))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(1, 60).Select(n => (long)n), actions.Select(a => a.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 60).Select(n => (long)n), (await stores[0].ActionsAsync()).Select(a => a.Sequence));
    }

    [Fact]
    public async Task A_notifier_on_another_connection_hears_each_action_within_a_second()
    {
        var writer = Open();
        await using var notifier = new PostgreSqlDeploymentNotifier(_database, pollInterval: TimeSpan.FromMinutes(5));
        var heard = new System.Collections.Concurrent.ConcurrentQueue<long?>();
        notifier.Changed += heard.Enqueue;
        await notifier.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await notifier.WaitForChangeAsync(timeout.Token); // the first connect says "look"
        Assert.True(notifier.IsListening);

        for (var version = 1; version <= 3; version++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var action = await writer.SaveAsync(Version(version, $"v{version}"));
            await notifier.WaitForChangeAsync(timeout.Token);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), watch.Elapsed.ToString());
            Assert.Equal(action.Sequence, notifier.LastNotifiedSequence);
        }

        Assert.Equal([null, 1L, 2L, 3L], heard);
    }

    [Fact]
    public async Task A_signal_that_comes_while_nobody_waits_is_kept_and_the_poll_signals_without_notifications()
    {
        var writer = Open();
        await using var notifier = new PostgreSqlDeploymentNotifier(_database, pollInterval: TimeSpan.FromMilliseconds(300));
        var ticks = 0;
        notifier.Changed += sequence =>
        {
            if (sequence is null)
            {
                Interlocked.Increment(ref ticks);
            }
        };
        await notifier.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await notifier.WaitForChangeAsync(timeout.Token);

        await writer.AppendAsync(DeploymentActionKind.Undeployed, "Shop.Flows", 1);
        await Task.Delay(200); // the notification arrives while nobody waits
        await notifier.WaitForChangeAsync(timeout.Token).WaitAsync(TimeSpan.FromMilliseconds(250));

        while (Volatile.Read(ref ticks) < 3)
        {
            await notifier.WaitForChangeAsync(timeout.Token); // poll ticks keep coming
        }
    }

    [Fact]
    public async Task A_damaged_blob_is_refused_on_load_naming_the_file()
    {
        var store = Open();
        await store.SaveAsync(Version(1, "v1"));
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var damage = new NpgsqlCommand("UPDATE flow_blobs SET content = 'x'::bytea WHERE content = 'v1'::bytea;", connection);
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
        }

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(async () => await store.LoadAsync("Shop.Flows", 1));
        Assert.Equal("FLOW6003", error.Id);
        Assert.Contains("'Shop.Flows.dll'", error.Message, StringComparison.Ordinal);
    }
}
