using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The in-memory store under racing callers of the same ids (issue 11): saves, loads and deletes of
/// one id stay in one order however they race, running or ended, and retention removing an
/// instance while its own caller saves, loads or deletes it behaves as if it had been removed
/// just before.
/// </summary>
public class InMemoryStoreSameIdRaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static StoredInstance Instance(string id, InstanceStatus status, long revision) =>
        new(id, "order", "Shop.Flows", 1, "hash", status, "{\"id\":\"" + id + "\",\"r\":" + revision + "}", revision);

    private static Task[] OnThreads(int threads, Action<int> body)
    {
        var start = new Barrier(threads);
        return Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                body(t);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
    }

    [Fact]
    public async Task Racing_saves_of_the_same_ids_win_once_per_revision_running_or_ended()
    {
        // No retention removes anything here: every revision of every id is counted.
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 100_000 });
        var ids = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? Guid.NewGuid().ToString("N") : "order-" + i).ToArray();
        foreach (var id in ids)
        {
            Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Waiting, 1), 0));
        }

        var wins = new int[ids.Length];
        var workers = OnThreads(4, t =>
        {
            var random = new Random(t);
            for (var i = 0; i < 20_000; i++)
            {
                var n = random.Next(ids.Length);
                var loaded = store.LoadAsync(ids[n]).AsTask().Result!;
                Assert.Equal(loaded.Revision % 3 == 0, loaded.Ended);   // every third revision is an ending
                Assert.Equal("{\"id\":\"" + ids[n] + "\",\"r\":" + loaded.Revision + "}", loaded.StateJson);
                var next = loaded.Revision + 1;
                var status = next % 3 == 0 ? InstanceStatus.Completed : InstanceStatus.Waiting;
                if (store.TrySaveAsync(Instance(ids[n], status, next), loaded.Revision).AsTask().Result)
                {
                    Interlocked.Increment(ref wins[n]);
                }
            }
        });

        await Task.WhenAll(workers).WaitAsync(Timeout);
        for (var n = 0; n < ids.Length; n++)
        {
            Assert.Equal(1 + wins[n], (await store.LoadAsync(ids[n]))!.Revision);
        }

        Assert.Equal(ids.Length, store.Count);
    }

    [Fact]
    public async Task Retention_racing_a_callers_own_save_load_and_delete_acts_as_a_removal_just_before()
    {
        const int max = 8;
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = max });
        var kept = new List<string>[4];
        var workers = OnThreads(kept.Length, t =>
        {
            var ended = kept[t] = new List<string>();
            for (var i = 0; i < 5_000; i++)
            {
                var id = i % 4 == 0 ? $"t{t}-{i}" : Guid.NewGuid().ToString("N");
                Assert.True(store.TrySaveAsync(Instance(id, InstanceStatus.Waiting, 1), 0).AsTask().Result);
                Assert.True(store.TrySaveAsync(Instance(id, InstanceStatus.Completed, 2), 1).AsTask().Result);

                // Only this thread touches the id: the other threads' endings may have removed it by now, and then
                // it is absent for every call, never half there.
                switch (i % 3)
                {
                    case 0:
                        var loaded = store.LoadAsync(id).AsTask().Result;
                        Assert.True(loaded is null || (loaded.Revision == 2 && loaded.Ended));
                        break;
                    case 1:
                        if (!store.TrySaveAsync(Instance(id, InstanceStatus.Waiting, 3), 2).AsTask().Result)
                        {
                            Assert.Null(store.LoadAsync(id).AsTask().Result);
                            Assert.False(store.DeleteAsync(id).AsTask().Result);
                            Assert.True(store.TrySaveAsync(Instance(id, InstanceStatus.Waiting, 1), 0).AsTask().Result);
                        }

                        Assert.True(store.DeleteAsync(id).AsTask().Result);   // running now: retention cannot take it
                        Assert.Null(store.LoadAsync(id).AsTask().Result);
                        break;
                    default:
                        var deleted = store.DeleteAsync(id).AsTask().Result;
                        Assert.Null(store.LoadAsync(id).AsTask().Result);
                        Assert.False(store.DeleteAsync(id).AsTask().Result);
                        if (!deleted)
                        {
                            Assert.True(store.TrySaveAsync(Instance(id, InstanceStatus.Completed, 1), 0).AsTask().Result);
                            ended.Add(id);
                        }

                        break;
                }

                if (i % 500 == 0)
                {
                    // the ended ones and at most one running instance of each thread
                    Assert.InRange(store.Count, 0, max + kept.Length);
                    Assert.InRange(store.QueryAsync(new InstanceQuery()).AsTask().Result.Count(s => s.Ended), 0, max);
                }
            }
        });

        await Task.WhenAll(workers).WaitAsync(Timeout);
        // Each thread's last deletes may have freed places in the line, so it holds at most max.
        var count = store.Count;
        Assert.InRange(count, 1, max);
        var all = await store.QueryAsync(new InstanceQuery());
        Assert.Equal(count, all.Count(i => i.Ended && i.Revision is 1 or 2));
        foreach (var id in kept.SelectMany(k => k).Except(all.Select(i => i.Id)))
        {
            Assert.Null(await store.LoadAsync(id));
        }
    }
}
