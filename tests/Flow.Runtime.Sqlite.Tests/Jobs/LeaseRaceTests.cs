using System.Diagnostics;
using System.Reflection;
using Flow.Instances;
using Flow.Jobs;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Two processes leasing jobs from one file at once: each job goes to exactly one of them (issue 11, job leases).</summary>
public class LeaseRaceTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_processes_draining_the_due_jobs_of_one_file_never_lease_the_same_job()
    {
        using var db = new TempDatabase();
        const int Count = 300;
        var store = db.Open();
        for (var i = 0; i < Count; i++)
        {
            await store.ScheduleAsync(new ScheduledJob($"job-{i:D3}", "timer", Due.AddSeconds(i % 17)));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var a = Start(db.File, "process-a");
        using var b = Start(db.File, "process-b");
        var outputs = await Task.WhenAll(ReadAllAsync(a, timeout.Token), ReadAllAsync(b, timeout.Token));

        var all = outputs.SelectMany(o => o).ToList();
        Assert.Equal(Count, all.Count);
        Assert.Equal(Count, all.Distinct().Count());
        var leased = await store.AcquireDueAsync("parent", Due.AddHours(1), TimeSpan.FromMinutes(1), Count);
        Assert.Empty(leased); // all held by the children until their leases expire
        Assert.Equal(Count, (await store.AcquireDueAsync("parent", Due.AddDays(2), TimeSpan.FromMinutes(1), Count)).Count);
    }

    /// <summary>The child: leases two at a time until nothing is due, printing each id.</summary>
    internal static async Task<int> AcquireUntilEmptyAsync(string file, string owner)
    {
        using var store = new SqliteInstanceStore(file);
        while (true)
        {
            var leased = await store.AcquireDueAsync(owner, Due.AddHours(1), TimeSpan.FromDays(1), 2);
            if (leased.Count == 0)
            {
                return 0;
            }

            foreach (var job in leased)
            {
                Console.WriteLine(job.Job.Id);
            }
        }
    }

    private static async Task<List<string>> ReadAllAsync(Process child, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            ids.Add(line);
        }

        await child.WaitForExitAsync(cancellationToken);
        Assert.True(child.ExitCode == 0, await child.StandardError.ReadToEndAsync(cancellationToken));
        return ids;
    }

    private static Process Start(string file, string owner)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        info.ArgumentList.Add(Program.AcquireJobs);
        info.ArgumentList.Add(file);
        info.ArgumentList.Add(owner);
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
