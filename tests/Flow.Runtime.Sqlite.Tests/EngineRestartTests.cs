using Flow.Deployment;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>The engine on a SQLite file: an instance waiting at a user task survives a restart (issue 11).</summary>
public class EngineRestartTests
{
    [Fact]
    public async Task An_instance_waiting_at_a_user_task_completes_after_engine_and_store_are_recreated()
    {
        using var db = new TempDatabase();
        var folder = OrderFlow.Write(db.Folder, 1);
        string id;
        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });
            var started = await engine.StartAsync("order", """{"amount": 7}""");
            Assert.Equal(new[] { "Review" }, started.WaitingAt);
            id = started.Id;
        }

        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });
            var waiting = (await engine.GetAsync(id))!;
            Assert.Equal(InstanceStatus.Waiting, waiting.Status);
            Assert.Equal(new[] { "Review" }, waiting.WaitingAt);

            var done = await engine.CompleteAsync(id, "Review");

            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"amount\":7", done.DataJson, StringComparison.Ordinal);
            Assert.Contains("\"marks\":[\"A\",\"A\"]", done.DataJson, StringComparison.Ordinal);
            var stored = (await store.LoadAsync(id))!;
            Assert.True(stored.Ended);
            Assert.NotNull(stored.EndedAt);
        }

        using var reopened = new SqliteInstanceStore(db.File);
        Assert.Equal(InstanceStatus.Completed, (await reopened.LoadAsync(id))!.Status);
    }

    [Fact]
    public async Task Two_engines_on_one_file_completing_the_same_task_at_once_apply_it_exactly_once()
    {
        using var db = new TempDatabase();
        var folder = OrderFlow.Write(db.Folder, 1);
        var engines = new List<FlowEngine>();
        for (var i = 0; i < 2; i++)
        {
            // separate registries (each loads the flow itself) and separate store objects
            var engine = new FlowEngine(new DeploymentRegistry(), db.Open());
            await engine.DeployAsync(new[] { folder });
            engines.Add(engine);
        }

        for (var round = 0; round < 20; round++)
        {
            var id = (await engines[round % 2].StartAsync("order")).Id;
            var outcomes = await Task.WhenAll(engines.Select(engine => Task.Run(async () =>
            {
                try
                {
                    await engine.CompleteAsync(id, "Review");
                    return "completed";
                }
                catch (FlowConcurrencyException)
                {
                    return "conflict";
                }
                catch (FlowInstanceException e) when (e.Id == "FLOW6042")
                {
                    return "already done"; // loaded after the winner saved: nothing waits
                }
            }))).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, outcomes.Count(o => o == "completed"));
            var done = (await engines[0].GetAsync(id))!;
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"marks\":[\"A\",\"A\"]", done.DataJson, StringComparison.Ordinal); // MarkAgain ran once
        }
    }

    [Fact]
    public async Task UseSqlite_makes_AddFlowRuntime_keep_instances_in_the_file_and_in_memory_stays_the_default()
    {
        using var db = new TempDatabase();
        string id;
        await using (var provider = new ServiceCollection().AddFlowRuntime(o => o.UseSqlite(db.File)).BuildServiceProvider())
        {
            var store = Assert.IsType<SqliteInstanceStore>(provider.GetRequiredService<IInstanceStore>());
            Assert.Equal(db.File, store.Path);
            Assert.Same(store, provider.GetRequiredService<IInstanceStore>());
            var engine = provider.GetRequiredService<FlowEngine>();
            await engine.DeployAsync(new[] { OrderFlow.Write(db.Folder, 1) });
            id = (await engine.StartAsync("order")).Id;
        }

        using (var reopened = new SqliteInstanceStore(db.File))
        {
            Assert.Equal(InstanceStatus.Waiting, (await reopened.LoadAsync(id))!.Status);
        }

        await using var inMemory = new ServiceCollection().AddFlowRuntime().BuildServiceProvider();
        Assert.IsType<InMemoryInstanceStore>(inMemory.GetRequiredService<IInstanceStore>());

        // a store registered before AddFlowRuntime still wins over the factory
        var registered = new InMemoryInstanceStore();
        await using var explicitStore = new ServiceCollection().AddSingleton<IInstanceStore>(registered).AddFlowRuntime(o => o.UseSqlite(db.File)).BuildServiceProvider();
        Assert.Same(registered, explicitStore.GetRequiredService<IInstanceStore>());
    }
}
