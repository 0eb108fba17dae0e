using System.Diagnostics;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// The database goes away (a crash-like immediate stop) and comes back: calls fail fast with
/// FLOW6100 instead of hanging, nothing is half-written, and the same store and engine work
/// again once the server is back. A server of its own, so no other test sees it stop.
/// </summary>
public sealed class UnavailableDatabaseTests : IDisposable
{
    private readonly PostgreSqlServer _server = PostgreSqlServer.StartNew();
    private readonly string _folder = Directory.CreateTempSubdirectory("flow-pg-down-").FullName;

    public void Dispose()
    {
        _server.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    [Fact]
    public async Task Calls_fail_fast_while_the_server_is_down_and_the_same_engine_works_when_it_is_back()
    {
        using var store = new PostgreSqlInstanceStore(_server.CreateDatabase());
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { OrderFlow.Write(_folder, 1) });
        var waiting = (await engine.StartAsync("order")).Id;

        _server.Stop(immediate: true);
        foreach (var call in new Func<Task>[]
                 {
                     () => engine.GetAsync(waiting),
                     () => engine.CompleteAsync(waiting, "Review"),
                     () => engine.StartAsync("order"),
                     () => store.AcquireDueAsync("node", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 5).AsTask(),
                 })
        {
            var watch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<FlowStoreException>(call).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("FLOW6100", error.Id);
            Assert.Contains("unavailable", error.Message, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        }

        _server.Start();
        var back = (await engine.GetAsync(waiting).WaitAsync(TimeSpan.FromSeconds(30)))!;
        Assert.Equal(InstanceStatus.Waiting, back.Status); // the completion that failed wrote nothing
        Assert.Equal(InstanceStatus.Completed, (await engine.CompleteAsync(waiting, "Review")).Status);
        Assert.Single(await store.QueryAsync(new InstanceQuery()));
    }

    [Fact]
    public async Task The_deployment_notifier_reconnects_after_the_server_comes_back_and_hears_new_actions()
    {
        var database = _server.CreateDatabase();
        using var store = new PostgreSqlDeploymentStore(database);
        await using var notifier = new PostgreSqlDeploymentNotifier(database, pollInterval: TimeSpan.FromMinutes(5), reconnectDelay: TimeSpan.FromMilliseconds(200));
        var failures = 0;
        notifier.Failed += _ => Interlocked.Increment(ref failures);
        await notifier.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await notifier.WaitForChangeAsync(timeout.Token);
        Assert.True(notifier.IsListening);

        _server.Stop(immediate: true);
        await notifier.WaitForChangeAsync(timeout.Token); // the lost connection says "look" (polling goes on)
        Assert.True(Volatile.Read(ref failures) > 0);
        var error = await Assert.ThrowsAsync<FlowStoreException>(async () => await store.AppendAsync(DeploymentActionKind.Undeployed, "Shop.Flows", 1));
        Assert.Equal("FLOW6100", error.Id);

        _server.Start();
        while (!notifier.IsListening)
        {
            await notifier.WaitForChangeAsync(timeout.Token);
        }

        var action = await store.AppendAsync(DeploymentActionKind.Undeployed, "Shop.Flows", 1);
        while (notifier.LastNotifiedSequence < action.Sequence)
        {
            await notifier.WaitForChangeAsync(timeout.Token);
        }

        Assert.Equal(1, action.Sequence); // the append that failed wrote nothing
    }
}
