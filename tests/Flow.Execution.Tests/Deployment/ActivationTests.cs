using System.Diagnostics.Metrics;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Microsoft.Extensions.Logging;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Every activation applies the key's instance strategy; failures to apply it are reported; metrics count each event once.</summary>
public class ActivationTests
{
    [Fact]
    public async Task A_rollback_applies_the_keys_strategy_like_a_deployment()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        var onTwo = await fx.Engine.StartAsync("order");
        fx.Engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Abort));

        await fx.Engine.RollbackAsync(TestDeployment.Name, 1);

        Assert.Equal(InstanceStatus.Aborted, (await fx.Engine.GetAsync(onTwo.Id))!.Status);
    }

    [Fact]
    public async Task A_rollback_through_the_registry_migrates_too()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        var onTwo = await fx.Engine.StartAsync("order");
        fx.Engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Migrate));

        await fx.Registry.RollbackAsync(TestDeployment.Name, 1);
        var done = await fx.Engine.CompleteAsync(onTwo.Id, "Review");

        Assert.Equal(1, done.DeploymentVersion);
        Assert.Contains("\"B\",\"A\"", done.DataJson.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(fx.Registry.Versions.Single(v => v.Version == 2).IsUnloaded, "v2 is still held by the migrated instance");
    }

    [Fact]
    public async Task A_migration_that_fails_during_a_deployment_is_an_event_and_a_log_entry()
    {
        using var fx = new DeploymentFixture();
        var logger = new ListLogger<FlowEngine>();
        var engine = new FlowEngine(fx.Registry, fx.Store) { Logger = logger };
        var failures = new List<InstanceStrategyFailure>();
        engine.StrategyFailed += failures.Add;
        await engine.DeployAsync(new[] { fx.Write(1, DeploymentFixture.A) });
        var old = await engine.StartAsync("order");
        engine.SetStrategy("order", new KeyStrategy(InstanceStrategy.Migrate));

        var renamed = TestDeployment.Compile("B", TestDeployment.OrderBpmn(reviewId: "Approval"));
        await engine.DeployAsync(new[] { fx.Write(2, renamed) });

        var failure = Assert.Single(failures);
        Assert.Equal(old.Id, failure.InstanceId);
        Assert.Equal((1, 2), (failure.FromVersion, failure.ToVersion));
        Assert.Equal("FLOW6015", failure.Error.Id);
        Assert.Contains("Review", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, l => l.Level == LogLevel.Warning && l.Message.Contains(old.Id, StringComparison.Ordinal) && l.Message.Contains("FLOW6015", StringComparison.Ordinal));
        Assert.Equal(1, (await engine.GetAsync(old.Id))!.DeploymentVersion);
    }

    [Fact]
    public async Task Unloaded_versions_are_counted_without_a_hot_deployer()
    {
        var name = "Metrics.Unloaded." + Guid.NewGuid().ToString("N");
        using var counts = new DeploymentCounts(name);
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, name: name));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, name: name));
        await fx.DeployAsync(fx.Write(3, DeploymentFixture.A, name: name));

        Assert.Equal(2, counts.Of("flow.versions.unloaded"));
        Assert.Equal(3, counts.Of("flow.deployments.activated"));
    }

    [Fact]
    public async Task A_failed_deployment_through_the_hot_deployer_is_counted_once()
    {
        var name = "Metrics.Failed." + Guid.NewGuid().ToString("N");
        using var counts = new DeploymentCounts(name);
        using var fx = new DeploymentFixture();
        await using var deployer = new HotDeployer(fx.Engine, new FileSystemChangeDetector(fx.Root, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)));
        await deployer.StartAsync();

        var staged = TestDeployment.Write(fx.Root + "-staging", 1, DeploymentFixture.A, name: name);
        File.WriteAllBytes(Path.Combine(staged, TestDeployment.Name + ".dll"), DeploymentFixture.A[..100]);
        Directory.Move(staged, Path.Combine(fx.Root, "bad"));
        bool Reported()
        {
            lock (fx.Events)
            {
                return fx.Events.Any(e => e.Kind == DeploymentEventKind.Failed);
            }
        }

        for (var i = 0; i < 400 && !Reported(); i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(1000);
        await deployer.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        int failedEvents;
        lock (fx.Events)
        {
            failedEvents = fx.Events.Count(e => e.Kind == DeploymentEventKind.Failed && e.Name == name);
        }

        Assert.True(failedEvents >= 1, "the bad folder was not reported");
        Assert.Equal(failedEvents, counts.Of("flow.deployments.failed"));
    }

    /// <summary>Counts the runtime's deployment measurements tagged with one deployment name.</summary>
    private sealed class DeploymentCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = new();

        public DeploymentCounts(string deployment)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FlowTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "flow.deployment" && Equals(tag.Value, deployment))
                    {
                        lock (_counts)
                        {
                            _counts[instrument.Name] = _counts.GetValueOrDefault(instrument.Name) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Of(string instrument)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(instrument);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
