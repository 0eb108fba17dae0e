using System.Diagnostics;
using Flow.Deployment;
using Flow.Engine;
using Flow.Hosting;
using Flow.Execution.Tests.Infrastructure;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// Two hosts wired with <c>UsePostgreSql</c> on one database, each with its own container,
/// registry and connections: what one deploys, the other serves within a second, woken by
/// LISTEN/NOTIFY (the poll interval is set far above a second so only the signal can explain it).
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ClusterServingTests(PostgreSqlFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _database = fixture.NewDatabase();
    private readonly string _folder = Directory.CreateTempSubdirectory("flow-pg-serving-").FullName;
    private readonly List<ServiceProvider> _hosts = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            foreach (var service in host.GetServices<IHostedService>().Reverse())
            {
                await service.StopAsync(CancellationToken.None);
            }

            await host.DisposeAsync();
        }

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
    public async Task A_deployment_on_one_node_serves_on_the_other_within_a_second_and_a_later_node_loads_it()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        Assert.Empty(b.Registry.Latest);

        var clock = Stopwatch.StartNew();
        await a.DeployAsync(new[] { OrderFlow.Write(_folder, 1) });
        await WaitUntilAsync(() => b.Registry.Latest.ContainsKey("order"));
        var served = clock.Elapsed;
        Assert.True(served < TimeSpan.FromSeconds(1), $"node B served the deployment after {served.TotalMilliseconds:F0} ms");

        var started = await b.StartAsync("order", """{"amount": 3}""");
        Assert.Equal(1, started.DeploymentVersion);
        Assert.Equal(new[] { "Review" }, (await a.GetAsync(started.Id))!.WaitingAt); // one database: A sees B's instance

        var later = await StartNodeAsync(); // nothing deployed from a folder: it loads what the database has
        Assert.Equal(1, later.Registry.Latest["order"].Version);
        Assert.Equal(Flow.InstanceStatus.Completed, (await later.CompleteAsync(started.Id, "Review")).Status);
    }

    [Fact]
    public async Task An_undeploy_on_one_node_stops_the_other_from_starting_the_key()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        await a.DeployAsync(new[] { OrderFlow.Write(_folder, 1) });
        await WaitUntilAsync(() => b.Registry.Latest.ContainsKey("order"));

        await a.Registry.UndeployAsync(TestDeployment.Name);
        await WaitUntilAsync(() => !b.Registry.Latest.ContainsKey("order"));
        await Assert.ThrowsAsync<FlowDeploymentException>(() => b.StartAsync("order"));
    }

    private async Task<FlowEngine> StartNodeAsync()
    {
        var host = new ServiceCollection()
            .AddFlowRuntime(o =>
            {
                o.UsePostgreSql(_database);
                o.DeploymentPollInterval = TimeSpan.FromSeconds(30);
            })
            .BuildServiceProvider();
        _hosts.Add(host);
        foreach (var service in host.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None).WaitAsync(Timeout);
        }

        return host.GetRequiredService<FlowEngine>();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
