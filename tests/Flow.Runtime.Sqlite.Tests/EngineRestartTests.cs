using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>The engine on a SQLite file: an instance waiting at a user task survives a restart (issue 11).</summary>
public class EngineRestartTests
{
    private static readonly Lazy<byte[]> Flow = new(() => TestDeployment.Compile("A"));

    [Fact]
    public async Task An_instance_waiting_at_a_user_task_completes_after_engine_and_store_are_recreated()
    {
        using var db = new TempDatabase();
        var folder = TestDeployment.Write(db.Folder, 1, Flow.Value);
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
            await engine.DeployAsync(new[] { TestDeployment.Write(db.Folder, 1, Flow.Value) });
            id = (await engine.StartAsync("order")).Id;
        }

        using (var reopened = new SqliteInstanceStore(db.File))
        {
            Assert.Equal(InstanceStatus.Waiting, (await reopened.LoadAsync(id))!.Status);
        }

        await using var inMemory = new ServiceCollection().AddFlowRuntime().BuildServiceProvider();
        Assert.IsType<InMemoryInstanceStore>(inMemory.GetRequiredService<IInstanceStore>());
    }
}
