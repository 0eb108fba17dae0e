using Flow.Execution.Tests.Infrastructure;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>The order flow assembly the engine tests deploy, compiled once for the whole test run.</summary>
internal static class OrderFlow
{
    private static readonly Lazy<byte[]> Compiled = new(() => TestDeployment.Compile("A"));

    /// <summary>The compiled flow assembly.</summary>
    public static byte[] Assembly => Compiled.Value;

    /// <summary>Writes version <paramref name="version"/> of the order flow's deployment under <paramref name="root"/>.</summary>
    public static string Write(string root, int version) => TestDeployment.Write(root, version, Compiled.Value);
}
