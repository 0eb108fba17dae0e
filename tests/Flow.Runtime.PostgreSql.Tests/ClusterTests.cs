using System.Globalization;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// Engines on one database as cluster nodes (each with its own registry, store and connections):
/// completing the same task at once applies it exactly once, the loser gets a clear error; a
/// waiting instance outlives its engine (issue 11, cluster).
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ClusterTests(PostgreSqlFixture fixture) : IDisposable
{
    private readonly string _database = fixture.NewDatabase();
    private readonly string _folder = Directory.CreateTempSubdirectory("flow-pg-cluster-").FullName;
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

    /// <summary>Waits until <paramref name="go"/> (UTC), then completes the Review task: "completed", "conflict" or "already done".</summary>
    public static async Task<string> CompleteAtAsync(FlowEngine engine, string id, DateTime go)
    {
        var spin = new SpinWait();
        while (DateTime.UtcNow < go)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

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
            return "already done"; // loaded after the winner saved: nothing waits there any more
        }
    }

    private async Task<FlowEngine> NodeAsync(string folder)
    {
        var store = new PostgreSqlInstanceStore(_database);
        _disposables.Add(store);
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { folder });
        return engine;
    }

    [Fact]
    public async Task Two_engines_completing_the_same_task_at_once_apply_it_exactly_once_every_round()
    {
        var folder = OrderFlow.Write(_folder, 1);
        var engines = new[] { await NodeAsync(folder), await NodeAsync(folder) };
        var conflicts = 0;
        for (var round = 0; round < 50; round++)
        {
            var id = (await engines[round % 2].StartAsync("order", """{"amount": 1}""")).Id;
            var go = DateTime.UtcNow.AddMilliseconds(20);
            var outcomes = await Task.WhenAll(engines.Select(e => Task.Run(() => CompleteAtAsync(e, id, go)))).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Single(outcomes, o => o == "completed");
            conflicts += outcomes.Count(o => o == "conflict");
            var done = (await engines[1 - (round % 2)].GetAsync(id))!;
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"marks\":[\"A\",\"A\"]", done.DataJson, StringComparison.Ordinal); // MarkAgain ran once
        }

        Console.WriteLine($"two engines, 50 rounds: {conflicts} FlowConcurrencyException(s), the rest found the task done");
    }

    [Fact]
    public async Task Two_processes_completing_the_same_task_at_once_apply_it_exactly_once_every_round()
    {
        var folder = OrderFlow.Write(_folder, 1);
        var engine = await NodeAsync(folder);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        using var child = ChildProcess.Start(Program.CompleteOnCue, _database, folder);
        try
        {
            Assert.Equal("ready", await child.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("the second node ended: " + await child.StandardError.ReadToEndAsync(timeout.Token)));
            var tally = new Dictionary<string, int>();
            for (var round = 0; round < 30; round++)
            {
                var id = (await engine.StartAsync("order")).Id;
                var go = DateTime.UtcNow.AddMilliseconds(50);
                await child.StandardInput.WriteLineAsync($"{id} {go.Ticks.ToString(CultureInfo.InvariantCulture)}");
                await child.StandardInput.FlushAsync(timeout.Token);
                var mine = await CompleteAtAsync(engine, id, go).WaitAsync(timeout.Token);
                var theirs = await child.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("the second node ended: " + await child.StandardError.ReadToEndAsync(timeout.Token));

                Assert.Single(new[] { mine, theirs }, o => o == "completed");
                Assert.Contains(mine == "completed" ? theirs : mine, new[] { "conflict", "already done" });
                tally[mine + "/" + theirs] = tally.GetValueOrDefault(mine + "/" + theirs) + 1;
                var done = (await engine.GetAsync(id))!;
                Assert.Contains("\"marks\":[\"A\",\"A\"]", done.DataJson, StringComparison.Ordinal);
            }

            Console.WriteLine("two processes, 30 rounds (this node/other node): " + string.Join(", ", tally.Select(t => $"{t.Key} {t.Value}")));
            child.StandardInput.Close();
            await child.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, child.ExitCode);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task An_instance_waiting_at_a_user_task_completes_on_a_new_engine_and_store()
    {
        var folder = OrderFlow.Write(_folder, 1);
        var id = (await (await NodeAsync(folder)).StartAsync("order", """{"amount": 7}""")).Id;

        var later = await NodeAsync(folder);
        Assert.Equal(new[] { "Review" }, (await later.GetAsync(id))!.WaitingAt);
        var done = await later.CompleteAsync(id, "Review");
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"amount\":7", done.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsePostgreSql_registers_one_store_as_instance_and_job_store_and_the_deployment_store_with_its_notifier()
    {
        await using var provider = new ServiceCollection()
            .AddFlowRuntime(o =>
            {
                o.UsePostgreSql(_database);
                o.InstanceRetention = new InstanceRetention { MaxEnded = 1 }; // read when the store is created
            })
            .BuildServiceProvider();

        var store = Assert.IsType<PostgreSqlInstanceStore>(provider.GetRequiredService<IInstanceStore>());
        Assert.Same(store, provider.GetRequiredService<IJobStore>());
        var deployments = Assert.IsType<PostgreSqlDeploymentStore>(provider.GetRequiredService<IDeploymentStore>());
        Assert.NotNull(provider.GetRequiredService<PostgreSqlDeploymentNotifier>());
        Assert.Empty(await deployments.ActionsAsync());

        var engine = provider.GetRequiredService<FlowEngine>();
        await engine.DeployAsync(new[] { OrderFlow.Write(_folder, 1) });
        var first = (await engine.StartAsync("order")).Id;
        var second = (await engine.StartAsync("order")).Id;
        await engine.CompleteAsync(first, "Review");
        await engine.CompleteAsync(second, "Review");

        using var other = new PostgreSqlInstanceStore(_database);
        Assert.Equal([second], (await other.QueryAsync(new InstanceQuery())).Select(i => i.Id)); // MaxEnded = 1 applied
    }

    [Fact]
    public async Task Two_named_engines_with_UsePostgreSql_each_keep_their_deployments_and_instances_in_their_own_database()
    {
        var other = fixture.NewDatabase();
        await using var provider = new ServiceCollection()
            .AddFlowEngine("billing", o => o.UsePostgreSql(_database))
            .AddFlowEngine("shipping", o => o.UsePostgreSql(other))
            .BuildServiceProvider();

        var billing = provider.GetRequiredKeyedService<FlowEngine>("billing");
        var shipping = provider.GetRequiredKeyedService<FlowEngine>("shipping");
        Assert.NotSame(provider.GetRequiredKeyedService<IDeploymentStore>("billing"), provider.GetRequiredKeyedService<IDeploymentStore>("shipping"));
        await billing.DeployAsync(new[] { OrderFlow.Write(_folder, 1) });
        var started = (await billing.StartAsync("order")).Id;

        using var billingStore = new PostgreSqlInstanceStore(_database);
        using var shippingStore = new PostgreSqlInstanceStore(other);
        Assert.Equal([started], (await billingStore.QueryAsync(new InstanceQuery())).Select(i => i.Id));
        Assert.Empty(await shippingStore.QueryAsync(new InstanceQuery()));
        using var billingDeployments = new PostgreSqlDeploymentStore(_database);
        using var shippingDeployments = new PostgreSqlDeploymentStore(other);
        Assert.NotEmpty(await billingDeployments.ActionsAsync());
        Assert.Empty(await shippingDeployments.ActionsAsync());
        Assert.False(shipping.Registry.Latest.ContainsKey("order"));
    }
}
