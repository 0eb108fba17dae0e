using System.Collections.Concurrent;
using System.Text.Json;
using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

public class StressTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// 4 threads start and complete instances while 200 new versions go live (A and B
    /// alternating). No call may fail, every instance must run wholly on one version, and every
    /// old version must be unloaded and collected at the end.
    /// </summary>
    [Fact]
    public async Task Swaps_under_load_lose_no_call_and_leave_no_version_behind()
    {
        using var fx = new DeploymentFixture();
        var deployed = new List<DeployedVersion>((await fx.DeployAsync(fx.Write(1, DeploymentFixture.A))));
        var folders = Enumerable.Range(2, 200).Select(v => fx.Write(v, v % 2 == 0 ? DeploymentFixture.B : DeploymentFixture.A)).ToList();
        var failures = new ConcurrentQueue<Exception>();
        var mixed = new ConcurrentQueue<string>();
        var completed = 0;
        using var stop = new CancellationTokenSource();

        async Task Worker()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var started = await fx.Engine.StartAsync("order");
                    var done = await fx.Engine.CompleteAsync(started.Id, "Review");
                    var marks = JsonDocument.Parse(done.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()).ToList();
                    var expected = started.DeploymentVersion % 2 == 0 ? "B" : "A";
                    if (done.Status != InstanceStatus.Completed || marks.Count != 2 || marks.Any(m => m != expected) || done.DeploymentVersion != started.DeploymentVersion)
                    {
                        mixed.Enqueue($"{started.Id}: v{started.DeploymentVersion} -> v{done.DeploymentVersion} marks {string.Join(",", marks)}");
                    }

                    Interlocked.Increment(ref completed);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(Worker)).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var folder in folders)
        {
            // Each swap lands between completions: wait until the workers finished another instance.
            // Every wait has a timeout, so a hang fails the test instead of hanging the run.
            Assert.True(clock.Elapsed < Timeout, $"200 swaps took longer than {Timeout}");
            var before = Volatile.Read(ref completed);
            deployed.AddRange(await fx.DeployAsync(folder).WaitAsync(Timeout));
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref completed) == before && failures.IsEmpty && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(1);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers).WaitAsync(Timeout);

        Assert.Empty(failures);
        Assert.Empty(mixed);
        Assert.True(completed >= 200, $"only {completed} instances ran during 200 swaps");
        Assert.Equal(201, fx.Registry.Latest["order"].Version);
        var old = deployed.Where(v => v.Version != 201).ToList();
        Assert.Equal(200, old.Count);
        Assert.True(fx.Registry.Versions.Count <= fx.Registry.MaxUnloadedHistory + 1, "the registry keeps every swap");
        Assert.All(old, v => Assert.True(v.IsUnloaded, $"{v} is still loaded"));
        Assert.True(Unloading.AllCollected(old.Select(v => v.Assembly)), "some old versions were not collected");
    }
}
