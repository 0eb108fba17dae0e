using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// The test assembly doubles as the child process of the tests that need a second process:
/// <c>write-until-killed FILE [callers]</c> (kill -9 test) creates and then updates instances and prints
/// each number once its update is acknowledged, until killed (with several callers at once,
/// their saves share commits); <c>acquire-jobs FILE OWNER</c> (lease race) leases due jobs until
/// none is left and prints each job id it got; <c>follow-deployments FILE</c> is the second node
/// of the two-process deployment test (<see cref="DeploymentNode"/>).
/// </summary>
public static class Program
{
    public const string WriteUntilKilled = "write-until-killed";
    public const string AcquireJobs = "acquire-jobs";

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case [WriteUntilKilled, var file]:
                return await WriteAsync(file, callers: 1);
            case [WriteUntilKilled, var file, var callers]:
                return await WriteAsync(file, int.Parse(callers, System.Globalization.CultureInfo.InvariantCulture));
            case [AcquireJobs, var file, var owner]:
                return await LeaseRaceTests.AcquireUntilEmptyAsync(file, owner);
            case [DeploymentNode.FollowDeployments, var file]:
                return await DeploymentNode.RunAsync(file);
            default:
                await Console.Error.WriteLineAsync($"usage: {WriteUntilKilled} FILE [callers] | {AcquireJobs} FILE OWNER | {DeploymentNode.FollowDeployments} FILE (run by the tests)");
                return 2;
        }
    }

    /// <summary>Caller c writes instances c, c + callers, c + 2 * callers, ...</summary>
    private static async Task<int> WriteAsync(string file, int callers)
    {
        var store = new SqliteInstanceStore(file);
        var output = new object();
        var writers = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var n = c; ; n += callers)
            {
                var id = CrashTests.Id(n);
                if (!await store.TrySaveAsync(Instances.Waiting(id, state: CrashTests.Created(n)), 0)
                    || !await store.TrySaveAsync(Instances.Waiting(id, state: CrashTests.Updated(n)), 1))
                {
                    await Console.Error.WriteLineAsync($"save of {id} refused");
                    return 1;
                }

                lock (output)
                {
                    Console.WriteLine(n);
                    Console.Out.Flush();
                }
            }
        }));
        return (await Task.WhenAll(writers)).Max();
    }
}
