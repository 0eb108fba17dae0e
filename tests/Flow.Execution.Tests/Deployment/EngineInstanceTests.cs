using Flow.Engine;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>The engine's instance calls: JSON completions (issue 9, defect 8), abort (issue 17.1), delete and purge (defect 9).</summary>
public class EngineInstanceTests
{
    [Fact]
    public async Task A_completion_with_a_key_that_is_not_a_declared_output_is_refused_and_the_stored_instance_is_unchanged()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var started = await fx.Engine.StartAsync("order", """{"amount": 7}""");
        var before = (await fx.Store.LoadAsync(started.Id))!;

        // Review declares no outputs: "amount" is a data member, but not the task's to set.
        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => fx.Engine.CompleteAsync(started.Id, "Review", """{"amount": 5000}"""));

        Assert.Equal("FLOW6040", refused.Id);
        Assert.Contains("'amount'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'Review'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fx.Store.LoadAsync(started.Id));
        var done = await fx.Engine.CompleteAsync(started.Id, "Review");
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"amount\":7", done.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_and_the_stored_state_write_the_data_alike()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));

        var started = await fx.Engine.StartAsync("order", """{"amount": 7}""");

        Assert.Equal(started.DataJson, (await fx.Engine.GetAsync(started.Id))!.DataJson);
    }

    [Fact]
    public async Task An_aborted_instance_has_nothing_waiting_and_cannot_be_completed()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var started = await fx.Engine.StartAsync("order");
        Assert.Equal(new[] { "Review" }, started.WaitingAt);

        Assert.True(await fx.Engine.AbortAsync(started.Id));

        var aborted = (await fx.Engine.GetAsync(started.Id))!;
        Assert.Equal(InstanceStatus.Aborted, aborted.Status);
        Assert.Empty(aborted.WaitingAt);
        Assert.Contains("\"Tokens\":[]", (await fx.Store.LoadAsync(started.Id))!.StateJson, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => fx.Engine.CompleteAsync(started.Id, "Review"));
        Assert.Equal("FLOW6042", refused.Id);
        Assert.False(await fx.Engine.AbortAsync(started.Id)); // already ended: stays as it ended
    }

    [Fact]
    public async Task Purge_deletes_ended_instances_and_delete_removes_any()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await fx.Engine.StartAsync("order")).Id);
        }

        await fx.Engine.CompleteAsync(ids[0], "Review");
        await fx.Engine.CompleteAsync(ids[1], "Review");
        await fx.Engine.AbortAsync(ids[2]);

        Assert.Equal(3, await fx.Engine.PurgeAsync());
        Assert.Equal(new[] { ids[3] }, (await fx.Engine.QueryAsync(new InstanceQuery())).Select(i => i.Id));
        Assert.True(await fx.Engine.DeleteAsync(ids[3]));
        Assert.Null(await fx.Engine.GetAsync(ids[3]));
        Assert.False(await fx.Engine.DeleteAsync(ids[3]));
    }

    [Fact]
    public async Task Purge_with_an_age_keeps_instances_that_ended_more_recently()
    {
        var clock = new ManualClock();
        using var fx = new DeploymentFixture();
        fx.Engine.Clock = clock;
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        var old = await fx.Engine.StartAsync("order");
        await fx.Engine.CompleteAsync(old.Id, "Review");
        clock.Advance(TimeSpan.FromHours(2));
        var recent = await fx.Engine.StartAsync("order");
        await fx.Engine.CompleteAsync(recent.Id, "Review");

        Assert.Equal(1, await fx.Engine.PurgeAsync(TimeSpan.FromHours(1)));
        Assert.Null(await fx.Engine.GetAsync(old.Id));
        Assert.NotNull(await fx.Engine.GetAsync(recent.Id));
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
