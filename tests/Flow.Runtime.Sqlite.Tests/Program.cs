using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// The test assembly doubles as a child process: <c>write-until-killed FILE</c> is the kill -9
/// test's writer (it creates and then updates instances one after the other and prints each
/// number once its update is acknowledged, until killed); <c>follow-deployments FILE</c> is the
/// second node of the two-process deployment test (<see cref="DeploymentNode"/>).
/// </summary>
public static class Program
{
    public const string WriteUntilKilled = "write-until-killed";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == DeploymentNode.FollowDeployments)
        {
            return await DeploymentNode.RunAsync(args[1]);
        }

        if (args.Length != 2 || args[0] != WriteUntilKilled)
        {
            await Console.Error.WriteLineAsync($"usage: {WriteUntilKilled} FILE (run by {nameof(CrashTests)}) | {DeploymentNode.FollowDeployments} FILE (run by {nameof(DeploymentProcessTests)})");
            return 2;
        }

        var store = new SqliteInstanceStore(args[1]);
        for (var n = 0; ; n++)
        {
            var id = CrashTests.Id(n);
            if (!await store.TrySaveAsync(Instances.Waiting(id, state: CrashTests.Created(n)), 0)
                || !await store.TrySaveAsync(Instances.Waiting(id, state: CrashTests.Updated(n)), 1))
            {
                await Console.Error.WriteLineAsync($"save of {id} refused");
                return 1;
            }

            Console.WriteLine(n);
            Console.Out.Flush();
        }
    }
}
