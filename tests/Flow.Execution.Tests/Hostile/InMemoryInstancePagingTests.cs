using Flow.Instances;
using Flow.Tests.Shared;

namespace Flow.Execution.Tests.Hostile;

/// <summary>
/// <see cref="InstancePagingContract"/> over the in-memory store (ids in ordinal order), with the
/// default retention and with one small enough that ended instances are also pushed out of the ring.
/// </summary>
public sealed class InMemoryInstancePagingTests
{
    [Fact]
    public Task Keyset_pages_walk_the_store_order_without_gaps_or_repeats() =>
        InstancePagingContract.KeysetPagesWalkTheStoreOrderWithoutGapsOrRepeatsAsync(new InMemoryInstanceStore(), utf8Order: false);

    [Fact]
    public Task Offsets_filters_and_counts_agree_with_the_full_query() =>
        InstancePagingContract.OffsetsFiltersAndCountsAgreeWithTheFullQueryAsync(new InMemoryInstanceStore(), utf8Order: false);

    [Fact]
    public async Task The_count_and_a_page_skip_ended_instances_retention_removed()
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 3 });
        for (var i = 0; i < 10; i++)
        {
            var id = new Guid(i, 0, 0, new byte[8]).ToString("N");
            Assert.True(await store.TrySaveAsync(new StoredInstance(id, "order", "Shop.Flows", 1, "hash", i < 6 ? InstanceStatus.Completed : InstanceStatus.Waiting, "{}", 0), 0));
        }

        var all = (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id).ToList();
        Assert.Equal(7, all.Count);
        Assert.Equal(7, await ((IInstanceStore)store).CountAsync(new InstanceQuery()));
        Assert.Equal(all.Take(2), (await store.QueryAsync(new InstanceQuery { Limit = 2 })).Select(i => i.Id));
        Assert.Equal(all.Skip(5), (await store.QueryAsync(new InstanceQuery { Limit = 5, AfterId = all[4] })).Select(i => i.Id));
    }
}
