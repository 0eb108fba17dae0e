using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// An instance that waits only on a job (an async continuation, a timer) shows it in its snapshot:
/// where, when it runs, which attempt and the last error, so an operator sees where it stands.
/// </summary>
public sealed class JobWaitTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-job-waits-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryInstanceStore _store = new();

    public JobWaitTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(FlowEngine Engine, JobRunner Runner)> HostAsync()
    {
        var engine = new FlowEngine(new DeploymentRegistry(), _store) { Clock = _clock };
        await engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, JobSignalTests.Assembly.Value) }).WaitAsync(Timeout);
        return (engine, new JobRunner(_store, engine.JobHandlers, _clock, new JobRunnerOptions { Owner = "node-1" }));
    }

    [Fact]
    public async Task An_instance_waiting_at_an_async_continuation_shows_the_job_its_attempts_and_last_error()
    {
        var (engine, runner) = await HostAsync();
        var order = await engine.StartAsync("order", """{"viaJob": true, "fail": true}""").WaitAsync(Timeout);
        Assert.Empty(order.WaitingAt);

        var waiting = (await engine.GetAsync(order.Id).WaitAsync(Timeout))!;
        var job = Assert.Single(waiting.Jobs);
        Assert.Empty(waiting.WaitingAt);
        Assert.Equal(("async-continuation", "Later", T0, 0, 1, (int?)3, (string?)null), (job.Kind, job.NodeId, job.DueAt, job.Attempts, job.NextAttempt, job.MaxAttempts, job.LastError));

        await runner.RunDueAsync().WaitAsync(Timeout);

        var retrying = Assert.Single((await engine.GetAsync(order.Id).WaitAsync(Timeout))!.Jobs);
        Assert.Equal(("Later", 1, 2, (int?)3), (retrying.NodeId, retrying.Attempts, retrying.NextAttempt, retrying.MaxAttempts));
        Assert.True(retrying.DueAt > T0, "a failed attempt runs again later");
        Assert.Contains("carrier down", retrying.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_waiting_at_a_timer_shows_when_it_fires_and_an_ended_one_shows_no_job()
    {
        var (engine, runner) = await HostAsync();
        var order = await engine.StartAsync("order").WaitAsync(Timeout);

        var timer = Assert.Single((await engine.GetAsync(order.Id).WaitAsync(Timeout))!.Jobs);
        Assert.Equal(("timer", "Wait", T0.AddHours(1), (int?)null), (timer.Kind, timer.NodeId, timer.DueAt, timer.MaxAttempts));

        _clock.Advance(TimeSpan.FromHours(1));
        await runner.RunDueAsync().WaitAsync(Timeout);

        var done = (await engine.GetAsync(order.Id).WaitAsync(Timeout))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Empty(done.Jobs);
    }
}
