using System.Text.Json.Nodes;
using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Microsoft.Extensions.Logging;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Whatever one folder does wrong, the hot deployer reports it (event, log, FLOW6xxx id) and keeps watching.</summary>
public class HotDeployerResilienceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        return condition();
    }

    private static void BreakManifest(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    [Theory]
    [InlineData("files null", "FLOW6010")]
    [InlineData("duplicate files", "FLOW6010")]
    [InlineData("locked file", "FLOW6011")]
    public async Task A_bad_folder_is_a_failed_event_and_a_log_entry_and_a_good_folder_after_it_goes_live(string damage, string id)
    {
        using var fx = new DeploymentFixture();
        var logger = new ListLogger<HotDeployer>();
        await using var deployer = new HotDeployer(fx.Engine, new FileSystemChangeDetector(fx.Root, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)), logger);
        await deployer.StartAsync();

        var bad = TestDeployment.Write(Path.Combine(fx.Root, "staging"), 1, DeploymentFixture.A, folderName: "bad");
        FileStream? locked = null;
        switch (damage)
        {
            case "files null": BreakManifest(bad, m => m["files"] = null); break;
            case "duplicate files": BreakManifest(bad, m => m["files"]!.AsArray().Add(m["files"]![0]!.DeepClone())); break;
            default: locked = new FileStream(Path.Combine(bad, TestDeployment.Name + ".dll"), FileMode.Open, FileAccess.ReadWrite, FileShare.None); break;
        }

        try
        {
            Directory.Move(bad, Path.Combine(fx.Root, "bad"));
            Assert.True(await EventuallyAsync(() => Events(fx).Any(e => e.Kind == DeploymentEventKind.Failed)), "the bad folder was not reported");
            var failed = Events(fx).First(e => e.Kind == DeploymentEventKind.Failed);
            Assert.Equal(id, Assert.IsType<FlowDeploymentException>(failed.Error).Id);
            // The event is raised before the deployer logs it: wait for the entry rather than race it.
            Assert.True(
                await EventuallyAsync(() => logger.Entries.ToList().Any(l => l.Level == LogLevel.Error && l.Message.Contains(id, StringComparison.Ordinal))),
                "the bad folder was not logged as an error");

            fx.Write(2, DeploymentFixture.B);
            Assert.True(await EventuallyAsync(() => fx.Registry.Latest.TryGetValue("order", out var v) && v.Version == 2), "the good folder after the bad one did not go live");
        }
        finally
        {
            locked?.Dispose();
        }

        await deployer.StopAsync().WaitAsync(Patience);
    }

    [Fact]
    public async Task A_detector_round_that_throws_is_reported_and_watching_goes_on()
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-detect-" + Guid.NewGuid().ToString("N"));
        await using var detector = new FileSystemChangeDetector(root, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        var calls = 0;
        var failures = new List<Exception>();
        await detector.StartAsync(
            (folders, _) => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first round breaks") : Task.CompletedTask,
            (_, error) => { lock (failures) { failures.Add(error); } },
            CancellationToken.None);
        try
        {
            TestDeployment.Write(root, 1, DeploymentFixture.A);
            Assert.True(await EventuallyAsync(() => Volatile.Read(ref calls) >= 1), "the first folder was not reported");
            TestDeployment.Write(root, 2, DeploymentFixture.B);
            Assert.True(await EventuallyAsync(() => Volatile.Read(ref calls) >= 2), "the detector stopped after a failing round");
            lock (failures)
            {
                Assert.Contains(failures, f => f.Message == "first round breaks");
            }
        }
        finally
        {
            await detector.StopAsync(CancellationToken.None).WaitAsync(Patience);
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<DeploymentEvent> Events(DeploymentFixture fx)
    {
        lock (fx.Events)
        {
            return fx.Events.ToList();
        }
    }
}
