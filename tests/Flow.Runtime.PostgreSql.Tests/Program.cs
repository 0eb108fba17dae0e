namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>The test assembly doubles as the child process of the two-process and kill -9 tests.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        await Console.Error.WriteLineAsync($"usage: MODE CONNECTION-STRING ... ({string.Join(' ', args)})");
        return 2;
    }
}
