using Flow.Instances;
using Flow.Jobs;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The in-memory store keeps ended instances compact (issue 11: retention without GC cost): a
/// struct per instance and its state as UTF-8, not the record and its objects. What a caller
/// reads back, and how retention, deletes and new saves treat them, is as before.
/// </summary>
public class CompactEndedInstancesTests
{
    private static StoredInstance Instance(string id, InstanceStatus status, string state = "{\"x\":1}", long revision = 0) =>
        new(id, "order", "Shop.Flows", 1, "hash", status, state, revision) { TenantId = "t1" };

    private static string GuidId() => Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("engine")]
    [InlineData("Upper-Or-Other-Id")]
    public async Task An_ended_instance_loads_back_with_the_same_columns_and_state_text(string kind)
    {
        var store = new InMemoryInstanceStore();
        var id = kind == "engine" ? GuidId() : kind;
        var endedAt = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.FromHours(1));
        var saved = Instance(id, InstanceStatus.Completed, "{\"Data\":{\"name\":\"Zoë ✓ 𝄞\"}}") with { EndedAt = endedAt, Revision = 1 };
        Assert.True(await store.TrySaveAsync(saved, 0));

        var loaded = (await store.LoadAsync(id))!;
        Assert.Equal(saved, loaded);   // every column, and the state text, equal
        Assert.True(loaded.Ended);
        Assert.Equal(1, store.Count);
        Assert.Equal(new[] { id }, (await store.QueryAsync(new InstanceQuery { Status = InstanceStatus.Completed, TenantId = "t1", ProcessKey = "order" })).Select(i => i.Id));
        Assert.Empty(await store.QueryAsync(new InstanceQuery { TenantId = "t2" }));
        Assert.Empty(await store.QueryAsync(new InstanceQuery { Subscribed = new SubscriptionFilter(SubscriptionKind.Signal, "s") }));
    }

    [Fact]
    public async Task A_state_text_that_is_not_valid_UTF_16_is_kept_as_it_is()
    {
        var store = new InMemoryInstanceStore();
        var id = GuidId();
        var text = "{\"x\":\"\ud800\"}";   // a lone surrogate: UTF-8 cannot keep it
        await store.TrySaveAsync(Instance(id, InstanceStatus.Completed, text), 0);
        Assert.Equal(text, (await store.LoadAsync(id))!.StateJson);
    }

    [Fact]
    public async Task Ended_instances_saved_again_keep_their_revision_check_and_place_and_can_run_again()
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 2 });
        var (a, b, c) = (GuidId(), GuidId(), GuidId());
        await store.TrySaveAsync(Instance(a, InstanceStatus.Completed), 0);
        await store.TrySaveAsync(Instance(b, InstanceStatus.Completed), 0);

        Assert.False(await store.TrySaveAsync(Instance(a, InstanceStatus.Aborted), 0));   // stale: it is at revision 1
        Assert.True(await store.TrySaveAsync(Instance(a, InstanceStatus.Aborted, "{\"y\":2}"), 1));
        var again = (await store.LoadAsync(a))!;
        Assert.Equal((InstanceStatus.Aborted, 2L, "{\"y\":2}"), (again.Status, again.Revision, again.StateJson));

        // a is still the oldest ended: the next ending pushes it out, not b.
        await store.TrySaveAsync(Instance(c, InstanceStatus.Completed), 0);
        Assert.Null(await store.LoadAsync(a));
        Assert.NotNull(await store.LoadAsync(b));

        // An ended instance saved as not ended leaves the line and is not removed by retention.
        Assert.True(await store.TrySaveAsync(Instance(b, InstanceStatus.Waiting), 1));
        await store.TrySaveAsync(Instance(GuidId(), InstanceStatus.Completed), 0);
        await store.TrySaveAsync(Instance(GuidId(), InstanceStatus.Completed), 0);
        Assert.Equal(InstanceStatus.Waiting, (await store.LoadAsync(b))!.Status);
        Assert.Null(await store.LoadAsync(c));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task Deletes_in_the_middle_of_the_line_free_their_places_and_the_rest_stays_in_order()
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 100 });
        var ids = Enumerable.Range(0, 400).Select(_ => GuidId()).ToList();
        foreach (var id in ids)
        {
            await store.TrySaveAsync(Instance(id, InstanceStatus.Completed, "{\"id\":\"" + id + "\"}"), 0);
            if (ids.IndexOf(id) % 3 != 0)
            {
                Assert.True(await store.DeleteAsync(id));
            }
        }

        // Kept: every third id, the newest 100 of them.
        var kept = ids.Where((_, i) => i % 3 == 0).TakeLast(100).ToList();
        Assert.Equal(100, store.Count);
        Assert.Equal(kept.OrderBy(i => i, StringComparer.Ordinal), (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));
        foreach (var id in kept)
        {
            Assert.Equal("{\"id\":\"" + id + "\"}", (await store.LoadAsync(id))!.StateJson);
        }

        Assert.False(await store.DeleteAsync(ids[1]));
    }

    [Fact]
    public async Task An_ended_instance_with_jobs_is_kept_whole_and_its_jobs_go_with_it()
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 1 });
        var id = GuidId();
        var job = new ScheduledJob("job-1", "timer", DateTimeOffset.UnixEpoch) { InstanceId = id };
        var withJob = Instance(id, InstanceStatus.Completed) with { Jobs = new[] { job } };
        await store.TrySaveAsync(withJob, 0);
        Assert.Equal(new[] { "job-1" }, (await store.LoadAsync(id))!.Jobs.Select(j => j.Id));
        Assert.Single(await store.AcquireDueAsync("me", DateTimeOffset.UnixEpoch.AddDays(1), TimeSpan.FromMinutes(1), 10));

        await store.TrySaveAsync(Instance(GuidId(), InstanceStatus.Completed), 0);
        Assert.Null(await store.LoadAsync(id));
        Assert.Empty(await store.AcquireDueAsync("me", DateTimeOffset.UnixEpoch.AddDays(2), TimeSpan.FromMinutes(1), 10));
    }
}
