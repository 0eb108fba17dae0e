using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.AsyncFlows;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// Job boundaries on one PostgreSQL database with two engines as cluster nodes (each with its own
/// registry, store and connections, each with a job runner): every asynchronous continuation runs
/// exactly once, whichever node leases it (issue 13 on issue 11's job leases).
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class AsyncClusterTests(PostgreSqlFixture fixture) : IDisposable
{
    private readonly string _database = fixture.NewDatabase();
    private readonly string _folder = Directory.CreateTempSubdirectory("flow-pg-async-").FullName;
    private readonly List<IDisposable> _disposables = new();

    public void Dispose()
    {
        _disposables.ForEach(d => d.Dispose());
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    private async Task<(FlowEngine Engine, JobRunner Runner, PostgreSqlInstanceStore Store)> NodeAsync(string folder)
    {
        var store = new PostgreSqlInstanceStore(_database);
        _disposables.Add(store);
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { folder });
        return (engine, new JobRunner(store, engine.JobHandlers, options: new JobRunnerOptions { Owner = "node-" + Guid.NewGuid().ToString("N"), BatchSize = 4 }), store);
    }

    [Fact]
    public async Task Two_nodes_run_each_async_job_exactly_once()
    {
        const string task = "ClusterMark";
        var folder = TestDeployment.Write(_folder, 1, Compile("A", Line((task, "camunda:asyncBefore=\"true\""), ("After", "camunda:asyncAfter=\"true\"")), task, "After"));
        var (engine1, runner1, store) = await NodeAsync(folder);
        var (engine2, runner2, _) = await NodeAsync(folder);
        var before = Runs(task);

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var started = await (i % 2 == 0 ? engine1 : engine2).StartAsync("order");
            Assert.Equal(InstanceStatus.Waiting, started.Status);
            ids.Add(started.Id);
        }

        // Both nodes run due jobs at once, in small batches, until neither finds any.
        var ran = await Task.WhenAll(Task.Run(() => runner1.RunDueAsync()), Task.Run(() => runner2.RunDueAsync())).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(40, ran.Sum());   // 20 before the task, 20 after the next one: each once
        Assert.Equal(20, Runs(task) - before);
        foreach (var id in ids)
        {
            var done = (await engine1.GetAsync(id))!;
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains($"\"marks\":[\"A:{task}\",\"A:After\"]", done.DataJson, StringComparison.Ordinal);
            Assert.Empty(await store.ListAsync(id));
        }
    }
}
