using Flow.Deployment;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>The engine's purge and the runtime options' retention on a SQLite file (issue 11, retention).</summary>
public class EngineRetentionTests
{
    [Fact]
    public async Task PurgeAsync_deletes_the_ended_instances_in_the_file_all_or_those_older_than_an_age()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var store = db.Open(clock);
        var engine = new FlowEngine(new DeploymentRegistry(), store) { Clock = clock };
        await engine.DeployAsync(new[] { OrderFlow.Write(db.Folder, 1) });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await engine.StartAsync("order")).Id);
        }

        await engine.CompleteAsync(ids[0], "Review");
        await engine.AbortAsync(ids[1]);
        clock.Now += TimeSpan.FromHours(2);
        await engine.CompleteAsync(ids[2], "Review");

        Assert.Equal(2, await engine.PurgeAsync(TimeSpan.FromHours(1)));
        Assert.Null(await engine.GetAsync(ids[0]));
        Assert.Null(await engine.GetAsync(ids[1]));
        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(ids[2]))!.Status);

        Assert.Equal(1, await engine.PurgeAsync());
        Assert.Equal(new[] { ids[3], ids[4] }.Order(StringComparer.Ordinal), (await engine.QueryAsync(new InstanceQuery())).Select(i => i.Id));

        // the waiting ones still complete afterwards
        Assert.Equal(InstanceStatus.Completed, (await engine.CompleteAsync(ids[3], "Review")).Status);
    }

    [Fact]
    public async Task UseSqlite_takes_the_retention_from_the_runtime_options_whenever_it_is_set()
    {
        using var db = new TempDatabase();
        await using var provider = new ServiceCollection()
            .AddFlowRuntime(o =>
            {
                o.UseSqlite(db.File);
                o.InstanceRetention = new InstanceRetention { MaxEnded = 1 }; // after UseSqlite: still applies
            })
            .BuildServiceProvider();
        var engine = provider.GetRequiredService<FlowEngine>();
        await engine.DeployAsync(new[] { OrderFlow.Write(db.Folder, 1) });
        var first = (await engine.StartAsync("order")).Id;
        var second = (await engine.StartAsync("order")).Id;
        var waiting = (await engine.StartAsync("order")).Id;

        await engine.CompleteAsync(first, "Review");
        await engine.CompleteAsync(second, "Review");

        Assert.Null(await engine.GetAsync(first));
        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(second))!.Status);
        Assert.Equal(InstanceStatus.Waiting, (await engine.GetAsync(waiting))!.Status);
        Assert.Equal(2L, SqlFile.Scalar(db.File, "SELECT COUNT(*) FROM flow_instances;"));
    }
}
