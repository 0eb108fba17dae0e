using System.Text;
using Flow.Instances;

namespace Flow.Tests.Shared;

/// <summary>
/// Bounded queries (<see cref="InstanceQuery.Limit"/>, <see cref="InstanceQuery.AfterId"/>,
/// <see cref="InstanceQuery.Offset"/>) and <see cref="IInstanceStore.CountAsync"/>, the same on every
/// store: a page holds at most the limit, keyset pages walk the store's id order without a gap or a
/// repeat (ids with é, 日本, a fullwidth letter and an emoji among engine-form Guids), offsets slice
/// it, filters apply before the limit, and the count ignores paging. The in-memory store orders ids
/// ordinally (UTF-16), SQLite and PostgreSQL by UTF-8 bytes: they differ only when an id holds a
/// character above U+FFFF and another one in U+E000..U+FFFF, so each store is checked against its own order.
/// </summary>
public static class InstancePagingContract
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The ids' order of a store: ordinal in memory, UTF-8 bytes in the databases.</summary>
    public static IComparer<string> Order(bool utf8) =>
        utf8 ? Comparer<string>.Create((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b))) : StringComparer.Ordinal;

    private static StoredInstance Instance(string id, string key, InstanceStatus status) =>
        new(id, key, "Shop.Flows", 1, "hash", status, "{\"id\":\"" + id + "\"}", 0);

    /// <summary>Saves 40 instances of "order" (every third one ended, as Completed) and 5 of "refund"; returns all ids.</summary>
    private static async Task<List<(string Id, string Key, InstanceStatus Status)>> SeedAsync(IInstanceStore store)
    {
        var seeded = new List<(string, string, InstanceStatus)>();
        var odd = new[] { "order-é-1", "order-日本", "order-\uFF5A", "order-😀", "ORDER-a", "order-a" };
        for (var i = 0; i < 45; i++)
        {
            var id = i < odd.Length ? odd[i] : new Guid(i * 7919, (short)i, 0, new byte[8]).ToString("N");
            var key = i >= 40 ? "refund" : "order";
            var status = i % 3 == 0 ? InstanceStatus.Completed : InstanceStatus.Waiting;
            Assert.True(await store.TrySaveAsync(Instance(id, key, status), 0).AsTask().WaitAsync(Timeout));
            seeded.Add((id, key, status));
        }

        return seeded;
    }

    /// <summary>Keyset pages of every size walk all instances in the store's order, each page at most the limit.</summary>
    public static async Task KeysetPagesWalkTheStoreOrderWithoutGapsOrRepeatsAsync(IInstanceStore store, bool utf8Order)
    {
        var seeded = await SeedAsync(store);
        var all = (await store.QueryAsync(new InstanceQuery()).AsTask().WaitAsync(Timeout)).Select(i => i.Id).ToList();
        Assert.Equal(seeded.Select(s => s.Id).Order(Order(utf8Order)), all);

        foreach (var limit in new[] { 1, 2, 7, 45, 100 })
        {
            var walked = new List<string>();
            string? after = null;
            for (var pages = 0; pages <= 46; pages++)
            {
                var page = await store.QueryAsync(new InstanceQuery { Limit = limit, AfterId = after }).AsTask().WaitAsync(Timeout);
                Assert.True(page.Count <= limit, $"a page of limit {limit} held {page.Count}");
                if (page.Count == 0)
                {
                    break;
                }

                walked.AddRange(page.Select(i => i.Id));
                after = page[^1].Id;
            }

            Assert.Equal(all, walked);
        }

        // An after-id that is not stored starts at the next one; after the last there is nothing.
        var between = await store.QueryAsync(new InstanceQuery { Limit = 3, AfterId = "order-b" }).AsTask().WaitAsync(Timeout);
        Assert.Equal(all.Where(id => Order(utf8Order).Compare(id, "order-b") > 0).Take(3), between.Select(i => i.Id));
        Assert.Empty(await store.QueryAsync(new InstanceQuery { AfterId = all[^1] }).AsTask().WaitAsync(Timeout));

        // A paged instance is the whole instance.
        var first = Assert.Single(await store.QueryAsync(new InstanceQuery { Limit = 1 }).AsTask().WaitAsync(Timeout));
        var loaded = await store.LoadAsync(first.Id).AsTask().WaitAsync(Timeout);
        Assert.Equal(loaded!.StateJson, first.StateJson);
        Assert.Equal(loaded.Status, first.Status);
    }

    /// <summary>Offsets slice the ordered matches; filters apply before limit and offset; the count ignores paging.</summary>
    public static async Task OffsetsFiltersAndCountsAgreeWithTheFullQueryAsync(IInstanceStore store, bool utf8Order)
    {
        var seeded = await SeedAsync(store);
        var waitingOrders = seeded.Where(s => s is { Key: "order", Status: InstanceStatus.Waiting }).Select(s => s.Id).Order(Order(utf8Order)).ToList();
        var filter = new InstanceQuery("order", Status: InstanceStatus.Waiting);

        for (var offset = 0; offset <= waitingOrders.Count + 1; offset += 5)
        {
            var page = await store.QueryAsync(filter with { Offset = offset, Limit = 4 }).AsTask().WaitAsync(Timeout);
            Assert.Equal(waitingOrders.Skip(offset).Take(4), page.Select(i => i.Id));
        }

        Assert.Equal(waitingOrders.Skip(3), (await store.QueryAsync(filter with { Offset = 3 }).AsTask().WaitAsync(Timeout)).Select(i => i.Id));
        Assert.Equal(waitingOrders.Skip(2).Take(2), (await store.QueryAsync(filter with { AfterId = waitingOrders[0], Offset = 1, Limit = 2 }).AsTask().WaitAsync(Timeout)).Select(i => i.Id));

        Assert.Equal(waitingOrders.Count, await store.CountAsync(filter with { Limit = 1, Offset = 2, AfterId = waitingOrders[^1] }).AsTask().WaitAsync(Timeout));
        Assert.Equal(45, await store.CountAsync(new InstanceQuery()).AsTask().WaitAsync(Timeout));
        Assert.Equal(5, await store.CountAsync(new InstanceQuery("refund")).AsTask().WaitAsync(Timeout));
        Assert.Equal(seeded.Count(s => s.Status == InstanceStatus.Completed), await store.CountAsync(new InstanceQuery(Status: InstanceStatus.Completed)).AsTask().WaitAsync(Timeout));
        Assert.Equal(0, await store.CountAsync(new InstanceQuery("nothing")).AsTask().WaitAsync(Timeout));

        Assert.Throws<ArgumentOutOfRangeException>(() => new InstanceQuery { Limit = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new InstanceQuery { Offset = -1 });
    }
}
