using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Ended instances stay queryable as history with their timestamps, under the retention (issue 11, history).</summary>
public class HistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private static StoredInstance Completed(string id, string key = "order") => Instances.Waiting(id, key) with { Status = InstanceStatus.Completed, Ended = true };

    [Fact]
    public async Task Ended_instances_are_listed_latest_ended_first_with_created_updated_and_ended_times_and_running_ones_are_not()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(T0);
        var store = db.Open(clock);
        Assert.True(await store.TrySaveAsync(Instances.Waiting("a"), 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("still-waiting"), 0));
        clock.Now = T0.AddMinutes(5);
        Assert.True(await store.TrySaveAsync(Completed("a"), 1));
        clock.Now = T0.AddMinutes(7);
        Assert.True(await store.TrySaveAsync(Completed("b", key: "invoice"), 0));
        clock.Now = T0.AddMinutes(9);
        Assert.True(await store.TrySaveAsync(Completed("c"), 0));

        var history = await store.QueryHistoryAsync(new InstanceHistoryQuery());

        Assert.Equal(["c", "b", "a"], history.Select(h => h.Instance.Id));
        var a = history[2];
        Assert.Equal((T0, T0.AddMinutes(5), T0.AddMinutes(5)), (a.CreatedAt, a.UpdatedAt, a.EndedAt));
        Assert.Equal(InstanceStatus.Completed, a.Instance.Status);
        Assert.Equal(["c", "a"], (await store.QueryHistoryAsync(new InstanceHistoryQuery(ProcessKey: "order"))).Select(h => h.Instance.Id));
        Assert.Equal(["b"], (await store.QueryHistoryAsync(new InstanceHistoryQuery(EndedFrom: T0.AddMinutes(6), EndedBefore: T0.AddMinutes(9)))).Select(h => h.Instance.Id));
        Assert.Equal(["c", "b"], (await store.QueryHistoryAsync(new InstanceHistoryQuery(Limit: 2))).Select(h => h.Instance.Id));
    }

    [Fact]
    public async Task The_history_follows_the_retention_and_an_instance_that_runs_again_leaves_it()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(T0);
        var store = db.Open(new InstanceRetention { MaxEnded = 2, KeepEndedFor = TimeSpan.FromHours(1) }, clock);
        foreach (var id in new[] { "a", "b", "c" })
        {
            clock.Now = clock.Now.AddMinutes(1);
            Assert.True(await store.TrySaveAsync(Completed(id), 0));
        }

        Assert.Equal(["c", "b"], (await store.QueryHistoryAsync(new InstanceHistoryQuery())).Select(h => h.Instance.Id));

        // b failed for good, then an operator retried it: it runs again, so it is no longer history
        Assert.True(await store.TrySaveAsync(Instances.Waiting("b"), 1));
        Assert.Equal(["c"], (await store.QueryHistoryAsync(new InstanceHistoryQuery())).Select(h => h.Instance.Id));

        clock.Now = T0.AddHours(2);
        Assert.Empty(await store.QueryHistoryAsync(new InstanceHistoryQuery()));
        Assert.NotNull(await store.LoadAsync("b"));
    }
}
