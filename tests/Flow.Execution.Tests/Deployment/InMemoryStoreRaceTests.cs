using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Several threads start, complete, load, query (which applies retention) and count at once on
/// one in-memory store; at the end every count is exact and every race on one instance had
/// exactly one winner.
/// </summary>
public class InMemoryStoreRaceTests
{
    private const int Threads = 4;
    private const int PerThread = 3_000;
    private const int MaxEnded = 64;

    private static StoredInstance Instance(string id, InstanceStatus status, long revision = 0) =>
        new(id, "order", "Shop.Flows", 1, "hash", status, "{\"n\":" + revision + "}", revision);

    [Fact]
    public async Task Concurrent_starts_completions_reads_and_retention_keep_exact_counts()
    {
        var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = MaxEnded });
        var waitingIds = new List<string>[Threads];
        var sharedIds = Enumerable.Range(0, PerThread / 10).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var id in sharedIds)
        {
            Assert.True(await store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 0));
        }

        var sharedWins = new int[sharedIds.Length];
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                var waiting = waitingIds[t] = new List<string>();
                start.SignalAndWait();
                for (var i = 0; i < PerThread; i++)
                {
                    // ids in both forms: engine Guids (kept compact when ended) and others (kept by string)
                    var id = i % 3 == 0 ? $"t{t}-{i}" : Guid.NewGuid().ToString("N");
                    Assert.True(store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 0).AsTask().Result);
                    Assert.False(store.TrySaveAsync(Instance(id, InstanceStatus.Waiting), 0).AsTask().Result);
                    var loaded = store.LoadAsync(id).AsTask().Result!;
                    Assert.Equal(1, loaded.Revision);
                    if (i % 10 == 0 && store.TrySaveAsync(Instance(sharedIds[i / 10], InstanceStatus.Completed), 1).AsTask().Result)
                    {
                        Interlocked.Increment(ref sharedWins[i / 10]);
                    }

                    if (i % 5 == 0)
                    {
                        waiting.Add(id);   // stays running to the end
                        continue;
                    }

                    Assert.True(store.TrySaveAsync(Instance(id, InstanceStatus.Completed), loaded.Revision).AsTask().Result);
                    Assert.False(store.TrySaveAsync(Instance(id, InstanceStatus.Completed), loaded.Revision).AsTask().Result);
                    if (i % 50 == 1)
                    {
                        var all = store.QueryAsync(new InstanceQuery()).AsTask().Result;
                        Assert.True(all.Count(s => s.Ended) <= MaxEnded);
                        Assert.Equal(all.Count, all.Select(s => s.Id).Distinct().Count());
                        Assert.True(store.Count >= MaxEnded);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(120));

        var running = waitingIds.SelectMany(w => w).ToList();
        var sharedRunning = sharedWins.Count(w => w == 0);
        Assert.All(sharedWins, w => Assert.InRange(w, 0, 1));
        Assert.Equal(sharedIds.Length, sharedRunning + sharedWins.Sum());
        Assert.Equal(running.Count + sharedRunning + MaxEnded, store.Count);

        var everything = await store.QueryAsync(new InstanceQuery());
        Assert.Equal(store.Count, everything.Count);
        Assert.Equal(MaxEnded, everything.Count(s => s.Ended));
        Assert.Equal(running.Count + sharedRunning, (await store.QueryAsync(new InstanceQuery { Status = InstanceStatus.Waiting })).Count);
        foreach (var id in running)
        {
            Assert.Equal((InstanceStatus.Waiting, 1L), ((await store.LoadAsync(id))!.Status, (await store.LoadAsync(id))!.Revision));
        }

        foreach (var ended in everything.Where(s => s.Ended))
        {
            Assert.Equal((InstanceStatus.Completed, 2L), (ended.Status, ended.Revision));
            Assert.Equal(ended.Id, (await store.LoadAsync(ended.Id))!.Id);
        }
    }
}
