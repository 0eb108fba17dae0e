using Flow.Instances;
using Flow.Jobs;
using Flow.Timers;
using Microsoft.Extensions.Time.Testing;

namespace Flow.Execution.Tests.Jobs;

public class JobRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryInstanceStore _store = new();

    private sealed class Handler(string kind, Func<LeasedJob, CancellationToken, ValueTask>? run = null) : IJobHandler
    {
        public List<string> Ran { get; } = new();

        public string Kind => kind;

        public async ValueTask RunAsync(LeasedJob job, CancellationToken cancellationToken)
        {
            lock (Ran)
            {
                Ran.Add(job.Job.Id);
            }

            if (run is not null)
            {
                await run(job, cancellationToken);
            }
        }
    }

    private JobRunner Runner(params IJobHandler[] handlers) => new(_store, handlers, _clock, new JobRunnerOptions { Owner = "node-1", PollInterval = TimeSpan.FromHours(1) });

    [Fact]
    public async Task Due_jobs_run_by_their_kind_and_are_completed_the_rest_wait()
    {
        var a = new Handler("a");
        var b = new Handler("b");
        await _store.ScheduleAsync(new ScheduledJob("j1", "a", T0));
        await _store.ScheduleAsync(new ScheduledJob("j2", "b", T0.AddSeconds(-5)));
        await _store.ScheduleAsync(new ScheduledJob("later", "a", T0.AddMinutes(1)));

        Assert.Equal(2, await Runner(a, b).RunDueAsync());

        Assert.Equal(new[] { "j1" }, a.Ran);
        Assert.Equal(new[] { "j2" }, b.Ran);
        Assert.Equal("later", Assert.Single(await _store.ListAsync()).Id);
    }

    [Fact]
    [Trait("Fires", "FLOW6161")]
    public async Task A_failing_job_is_retried_with_doubling_delay_then_kept_dead_and_reported()
    {
        var failing = new Handler("a", (_, _) => throw new InvalidOperationException("boom"));
        var runner = Runner(failing);
        var dead = new List<DeadJob>();
        runner.JobDead += dead.Add;
        await _store.ScheduleAsync(new ScheduledJob("j", "a", T0));

        await runner.RunDueAsync();
        Assert.Equal(T0.AddSeconds(10), Assert.Single(await _store.ListAsync()).DueAt);
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await runner.RunDueAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Equal(_clock.GetUtcNow().AddSeconds(20), Assert.Single(await _store.ListAsync()).DueAt);
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await runner.RunDueAsync());

        var job = Assert.Single(await _store.ListAsync());
        Assert.Equal((3, "boom"), (job.Attempts, job.LastError!.Contains("boom") ? "boom" : job.LastError));
        Assert.Null(await _store.NextDueAsync());
        var report = Assert.Single(dead);
        Assert.Equal(TimerErrors.JobDead, report.ErrorId);
        Assert.Contains("failed 3 times", report.Error, StringComparison.Ordinal);
        Assert.Equal(3, failing.Ran.Count);
    }

    [Fact]
    [Trait("Fires", "FLOW6162")]
    public async Task A_job_of_a_kind_nobody_runs_is_kept_dead_at_once()
    {
        var runner = Runner(new Handler("a"));
        DeadJob? dead = null;
        runner.JobDead += d => dead = d;
        await _store.ScheduleAsync(new ScheduledJob("j", "unknown", T0));

        await runner.RunDueAsync();

        Assert.Equal(TimerErrors.NoHandler, dead?.ErrorId);
        Assert.Contains("'unknown'", dead!.Error, StringComparison.Ordinal);
        Assert.Single(await _store.ListAsync());
        Assert.Null(await _store.NextDueAsync());
    }

    [Fact]
    public async Task The_running_loop_sleeps_until_the_next_due_job_on_the_clock()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler("a", (_, _) => { ran.TrySetResult(); return default; });
        var clock = new SignallingClock(_clock);
        await using var runner = new JobRunner(_store, new[] { handler }, clock, new JobRunnerOptions { PollInterval = TimeSpan.FromHours(1) });
        await _store.ScheduleAsync(new ScheduledJob("j", "a", T0.AddMinutes(10)));

        await runner.StartAsync();
        await clock.TimersCreated(1).WaitAsync(Timeout);   // asleep
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Empty(handler.Ran);

        _clock.Advance(TimeSpan.FromTicks(1));
        await ran.Task.WaitAsync(Timeout);
        await runner.StopAsync().WaitAsync(Timeout);

        Assert.Equal(new[] { "j" }, handler.Ran);
        Assert.Empty(await _store.ListAsync());
    }

    [Fact]
    public async Task A_job_scheduled_earlier_than_the_sleep_wakes_the_loop()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler("a", (_, _) => { ran.TrySetResult(); return default; });
        var clock = new SignallingClock(_clock);
        await using var runner = new JobRunner(_store, new[] { handler }, clock, new JobRunnerOptions { PollInterval = TimeSpan.FromHours(1) });

        await runner.StartAsync();
        await clock.TimersCreated(1).WaitAsync(Timeout);   // nothing scheduled: it sleeps an hour
        await _store.ScheduleAsync(new ScheduledJob("j", "a", T0.AddMinutes(1)));
        runner.Wake(T0.AddMinutes(1));
        await clock.TimersCreated(2).WaitAsync(Timeout);   // woken, it sleeps until the new job

        _clock.Advance(TimeSpan.FromMinutes(1));
        await ran.Task.WaitAsync(Timeout);
        await runner.StopAsync().WaitAsync(Timeout);

        Assert.Equal(new[] { "j" }, handler.Ran);
    }

    [Fact]
    public async Task A_job_due_later_than_the_sleep_does_not_wake_the_loop()
    {
        var clock = new SignallingClock(_clock);
        await _store.ScheduleAsync(new ScheduledJob("first", "a", T0.AddMinutes(1)));
        await using var runner = new JobRunner(_store, new[] { new Handler("a") }, clock, new JobRunnerOptions { PollInterval = TimeSpan.FromHours(1) });

        await runner.StartAsync();
        await clock.TimersCreated(1).WaitAsync(Timeout);
        runner.Wake(T0.AddMinutes(5));
        await runner.StopAsync().WaitAsync(Timeout);

        Assert.Equal(1, clock.Created);
    }

    [Fact]
    public async Task Stopping_cancels_the_running_job_and_ends_the_loop_leaving_the_job_to_its_lease()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler("a", async (_, ct) => { started.TrySetResult(); await Task.Delay(Timeout.Add(Timeout), ct); });
        await using var runner = Runner(handler);
        await _store.ScheduleAsync(new ScheduledJob("j", "a", T0));

        await runner.StartAsync();
        await started.Task.WaitAsync(Timeout);
        await runner.StopAsync().WaitAsync(Timeout);

        var job = Assert.Single(await _store.ListAsync());
        Assert.Equal(0, job.Attempts);
        Assert.Empty(await _store.AcquireDueAsync("node-2", T0, TimeSpan.FromMinutes(1), 10));
        Assert.Single(await _store.AcquireDueAsync("node-2", T0.AddMinutes(5), TimeSpan.FromMinutes(1), 10));
    }

    [Fact]
    public void Retry_delays_double_up_to_the_maximum()
    {
        var options = new JobRunnerOptions { RetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromSeconds(50) };
        Assert.Equal(new[] { 10, 20, 40, 50, 50 }, Enumerable.Range(1, 5).Select(a => (int)options.RetryAfter(a).TotalSeconds));
    }

    /// <summary>The fake clock, counting the timers made on it (the runner makes one per sleep), so a test advances time only once the runner sleeps.</summary>
    private sealed class SignallingClock(FakeTimeProvider inner) : TimeProvider
    {
        private readonly List<(int Count, TaskCompletionSource Signal)> _waits = new();

        public int Created { get; private set; }

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            lock (_waits)
            {
                Created++;
                foreach (var wait in _waits.Where(w => w.Count <= Created).ToList())
                {
                    wait.Signal.SetResult();
                    _waits.Remove(wait);
                }
            }

            return timer;
        }

        public Task TimersCreated(int count)
        {
            lock (_waits)
            {
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (Created >= count)
                {
                    signal.SetResult();
                }
                else
                {
                    _waits.Add((count, signal));
                }

                return signal.Task;
            }
        }
    }
}
