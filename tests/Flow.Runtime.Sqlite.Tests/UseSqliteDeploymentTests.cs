using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary><c>o.UseSqlite(file)</c> stores deployments in the file too: a second host on the file follows the first.</summary>
public sealed class UseSqliteDeploymentTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_hosts_with_UseSqlite_on_one_file_share_deployments()
    {
        using var db = new TempDatabase();
        ServiceProvider Host() => new ServiceCollection()
            .AddFlowRuntime(o =>
            {
                o.UseSqlite(db.File);
                o.DeploymentPollInterval = TimeSpan.FromMilliseconds(100);
            })
            .BuildServiceProvider();
        await using var first = Host();
        await using var second = Host();
        var hosted = second.GetServices<IHostedService>().ToList();
        var registry = second.GetRequiredService<DeploymentRegistry>();
        var activated = new TaskCompletionSource<DeploymentEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Changed += e =>
        {
            if (e.Kind == DeploymentEventKind.Activated)
            {
                activated.TrySetResult(e);
            }
        };
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).WaitAsync(Limit);
        }

        try
        {
            await first.GetRequiredService<FlowEngine>().DeployAsync(new[] { OrderFlow.Write(db.Folder, 1) }).WaitAsync(Limit);
            var e = await activated.Task.WaitAsync(Limit);

            Assert.IsType<SqliteDeploymentStore>(second.GetRequiredService<IDeploymentStore>());
            Assert.IsType<SqliteInstanceStore>(second.GetRequiredService<IInstanceStore>());
            Assert.Equal(1, e.Version);
            var started = await second.GetRequiredService<FlowEngine>().StartAsync("order").WaitAsync(Limit);
            Assert.Equal(1, started.DeploymentVersion);
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }
}
