using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// The test assembly doubles as the kill -9 test's child: it creates and then updates instances
/// one after the other and prints each number once its update is acknowledged, until killed.
/// </summary>
public static class Program
{
    public const string WriteUntilKilled = "write-until-killed";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || args[0] != WriteUntilKilled)
        {
            await Console.Error.WriteLineAsync($"usage: {WriteUntilKilled} FILE (run by {nameof(CrashTests)})");
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
