using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flow.Benchmarks.Flows;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;
using Flow.Jobs;

namespace Flow.Benchmarks;

/// <summary>
/// 100,000 instances each waiting on a one-hour timer in the in-memory store, then the clock is
/// moved past all of them and one job runner fires them: timers fired per second, and memory
/// per waiting instance (state, job and indexes) and per job alone.
/// </summary>
internal static class TimerMeasurements
{
    public static async Task FireAsync(TextWriter output, int instances = 100_000)
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-bench-timers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
            var store = new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 0 }, clock);
            var engine = new FlowEngine(new DeploymentRegistry(), store) { Clock = clock };
            await engine.DeployAsync(new[] { DeploymentFolders.Write(root, 1, typeof(ReminderProcess)) });
            var runner = new JobRunner(store, engine.JobHandlers, clock, new JobRunnerOptions { Owner = "bench" });

            // Warm up the paths once, then measure from an empty store.
            await engine.StartAsync("Process_Reminder");
            clock.Now += TimeSpan.FromHours(1);
            await runner.RunDueAsync();

            var before = FullGc();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < instances; i++)
            {
                await engine.StartAsync("Process_Reminder");
            }

            var started = watch.Elapsed;
            var waiting = FullGc();
            var jobs = (await store.ListAsync()).Count;
            output.WriteLine($"started {instances:N0} waiting instances in {started.TotalSeconds:0.00} s ({instances / started.TotalSeconds:N0}/s); jobs {jobs:N0}");
            output.WriteLine($"memory per waiting instance (state JSON, stored record, timer job, indexes): {(waiting - before) / (double)instances:N0} bytes");

            clock.Now += TimeSpan.FromHours(1);
            watch.Restart();
            var fired = await runner.RunDueAsync();
            var elapsed = watch.Elapsed;
            var left = (await store.ListAsync()).Count;
            var waitingLeft = (await store.QueryAsync(new InstanceQuery(Status: InstanceStatus.Waiting))).Count;
            output.WriteLine($"fired {fired:N0} timers in {elapsed.TotalSeconds:0.00} s: {fired / elapsed.TotalSeconds:N0} fired/s (jobs left {left}, instances still waiting {waitingLeft})");

            // A job alone: the same number of jobs of no instance in an empty store.
            var jobsOnly = new InMemoryInstanceStore();
            var beforeJobs = FullGc();
            for (var i = 0; i < instances; i++)
            {
                await jobsOnly.ScheduleAsync(new ScheduledJob("job-" + i.ToString("D6"), "timer", clock.Now.AddMinutes(i)));
            }

            output.WriteLine($"memory per job alone (entry, record, id, indexes): {(FullGc() - beforeJobs) / (double)instances:N0} bytes");
            GC.KeepAlive(jobsOnly);
            GC.KeepAlive(store);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static long FullGc()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(true);
    }

    /// <summary>A clock the measurement moves by hand (no timers are made on it: the runner is driven with RunDueAsync).</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
