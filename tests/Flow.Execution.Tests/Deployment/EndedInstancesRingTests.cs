using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The ring of ended instances (issue 11) under retention: the count is exact after every ending,
/// across the ring's growth and after deletes once it is full; removed ids are gone; ids are kept
/// as Guids only in the engine's form and every other id is kept, found and written back as given.
/// </summary>
public class EndedInstancesRingTests
{
    private static StoredInstance Ended(string id) => Instance(id, InstanceStatus.Completed);

    private static StoredInstance Instance(string id, InstanceStatus status) =>
        new(id, "order", "Shop.Flows", 1, "hash", status, "{\"id\":\"" + id + "\"}", 0);

    [Theory]
    [InlineData(0, 40)]
    [InlineData(1, 40)]
    [InlineData(15, 100)]
    [InlineData(16, 100)]
    [InlineData(17, 100)]
    [InlineData(100, 450)]
    [InlineData(1000, 2500)]
    public async Task After_every_ending_exactly_the_newest_max_are_kept(int max, int endings)
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = max });
        var ids = new List<string>();
        for (var i = 0; i < endings; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            ids.Add(id);
            Assert.True(await store.TrySaveAsync(Ended(id), 0));
            Assert.Equal(Math.Min(i + 1, max), store.Count);
        }

        var kept = ids.TakeLast(max).ToList();
        Assert.Equal(kept.OrderBy(i => i, StringComparer.Ordinal), (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));
        foreach (var id in kept)
        {
            Assert.Equal("{\"id\":\"" + id + "\"}", (await store.LoadAsync(id))!.StateJson);
        }

        foreach (var removed in ids.Take(endings - max))
        {
            Assert.Null(await store.LoadAsync(removed));
            Assert.False(await store.DeleteAsync(removed));
            Assert.True(await store.TrySaveAsync(Instance(removed, InstanceStatus.Waiting), 0));   // gone: it saves as new (revision 0)
            Assert.True(await store.DeleteAsync(removed));
        }
    }

    [Fact]
    public async Task Deletes_once_the_ring_is_full_keep_the_count_exact_and_the_line_in_order()
    {
        const int max = 64;
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = max });
        var ids = new List<string>();
        async Task End(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid().ToString("N");
                ids.Add(id);
                await store.TrySaveAsync(Ended(id), 0);
            }
        }

        await End(max * 3);   // retention has been removing for two turns of the line
        var deleted = ids.TakeLast(max).Where((_, i) => i % 5 == 0).ToList();
        foreach (var id in deleted)
        {
            Assert.True(await store.DeleteAsync(id));
        }

        Assert.Equal(max - deleted.Count, store.Count);
        await End(3);   // fills places the deletes freed
        Assert.Equal(max - deleted.Count + 3, store.Count);
        await End(max * 2);
        Assert.Equal(max, store.Count);
        var kept = ids.TakeLast(max).ToList();
        Assert.Equal(kept.OrderBy(i => i, StringComparer.Ordinal), (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));

        // The oldest kept goes first at the next ending, not a newer one.
        await End(1);
        Assert.Null(await store.LoadAsync(kept[0]));
        Assert.NotNull(await store.LoadAsync(kept[1]));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]   // the engine's form: kept as a Guid, written back exactly
    [InlineData("00000000000000000000000000000000")]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]   // upper case: not the engine's form
    [InlineData("0123456789abcdef0123456789abcdeF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("01234567-89ab-cdef-0123-456789abcdef")]
    [InlineData("{0123456789abcdef0123456789abcdef}")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData(" 123456789abcdef0123456789abcdef")]
    [InlineData("order-42")]
    public async Task Ids_in_any_form_are_kept_found_and_removed_by_retention(string id)
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 2 });
        Assert.True(await store.TrySaveAsync(Ended(id), 0));
        var loaded = (await store.LoadAsync(id))!;
        Assert.Equal((id, "{\"id\":\"" + id + "\"}"), (loaded.Id, loaded.StateJson));
        Assert.Equal(new[] { id }, (await store.QueryAsync(new InstanceQuery())).Select(i => i.Id));

        // Another spelling of the same hex digits is another instance.
        var other = id.ToUpperInvariant() == id ? id.ToLowerInvariant() : id.ToUpperInvariant();
        if (other != id)
        {
            Assert.Null(await store.LoadAsync(other));
        }

        Assert.False(await store.TrySaveAsync(Ended(id), 0));   // stale: it is kept at revision 1
        await store.TrySaveAsync(Ended(Guid.NewGuid().ToString("N")), 0);
        await store.TrySaveAsync(Ended("other-" + id), 0);
        Assert.Null(await store.LoadAsync(id));
        Assert.Equal(2, store.Count);
    }
}
