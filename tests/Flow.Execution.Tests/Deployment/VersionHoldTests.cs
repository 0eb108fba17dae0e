using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Versions held by the commands and waiting instances of several threads at once, without a shared lock or map.</summary>
public class VersionHoldTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Threads acquire an old (not latest) version and release it, so it unloads whenever the
    /// last of them lets go and the next acquire loads it again (the acquire that finds it
    /// without the registry's lock races that unload). Every acquired version must be loaded
    /// while it is held, and at the end nothing holds it and it is unloaded.
    /// </summary>
    [Fact]
    public async Task Acquires_of_an_old_version_racing_its_unloading_always_get_a_loaded_version()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var workers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var held = fx.Registry.Acquire(TestDeployment.Name, 1)!;
                if (held.IsUnloaded || !held.Keys.Contains("order"))
                {
                    problems.Enqueue($"thread {t}: acquired {held} unloaded");
                }

                Thread.SpinWait(50);
                if (held.IsUnloaded)
                {
                    problems.Enqueue($"thread {t}: {held} unloaded while held");
                }

                fx.Registry.Release(held);
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(Timeout);

        Assert.Empty(problems);
        var v1 = fx.Registry.Versions.Single(v => v.Version == 1);
        Assert.True(v1.IsUnloaded);
        Assert.Equal(0, v1.Users);
        Assert.Contains(fx.Events, e => e.Kind == DeploymentEventKind.Unloaded && e.Version == 1);
    }

    /// <summary>
    /// Instances waiting on an old version are completed from two threads at once: the version
    /// stays loaded while any of them waits (each holds it) and unloads when the last one ends.
    /// </summary>
    [Fact]
    public async Task Waiting_instances_ended_from_two_threads_keep_their_version_until_the_last_one_ends()
    {
        using var fx = new DeploymentFixture();
        var v1 = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)))[0];
        var waiting = new List<string>();
        for (var i = 0; i < 41; i++)
        {
            waiting.Add((await fx.Engine.StartAsync("order")).Id);
        }

        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        Assert.Equal(41, v1.Users);

        var last = waiting[^1];
        var halves = waiting.Take(40).Chunk(20).Select(ids => Task.Run(async () =>
        {
            foreach (var id in ids)
            {
                await fx.Engine.CompleteAsync(id, "Review");
            }
        }));
        await Task.WhenAll(halves).WaitAsync(Timeout);

        Assert.False(v1.IsUnloaded, "v1 unloaded while an instance still waits on it");
        Assert.Equal(1, v1.Users);

        await fx.Engine.CompleteAsync(last, "Review").WaitAsync(Timeout);
        Assert.True(v1.IsUnloaded);
        Assert.Equal(0, v1.Users);
    }

    [Fact]
    public async Task A_hold_recorded_again_for_the_same_instance_hands_back_the_version_it_replaces()
    {
        using var fx = new DeploymentFixture();
        var holds = new InstanceHolds();
        var first = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)))[0];
        var ids = Enumerable.Range(0, 500).Select(i => Guid.NewGuid().ToString("N")).Append("").Append("x").ToList();

        Assert.All(ids, id => Assert.Null(holds.Add(id, first)));
        Assert.Equal(ids.Count, holds.ToList().Count);
        Assert.Same(first, holds.Add(ids[0], first));
        Assert.All(ids, id => Assert.Same(first, holds.Remove(id)));
        Assert.Null(holds.Remove(ids[0]));
        Assert.Empty(holds.ToList());
    }
}
