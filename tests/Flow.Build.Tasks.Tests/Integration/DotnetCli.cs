using System.Diagnostics;
using System.Text;

namespace Flow.Build.Tasks.Tests.Integration;

/// <summary>
/// Runs the real `dotnet` CLI with a time limit, an isolated package cache and no build
/// servers (nothing lingers after the test, nothing locks files in its temp folder).
/// </summary>
internal sealed class DotnetCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly string? _packagesDirectory;

    /// <param name="packagesDirectory">
    /// An isolated NUGET_PACKAGES, or null to use the machine's: packing the repository's own
    /// projects must restore them against the cache their obj/ folders already point at, or a
    /// later build of the solution finds assets in a deleted temp folder (NETSDK1064).
    /// </param>
    public DotnetCli(string? packagesDirectory) => _packagesDirectory = packagesDirectory;

    public (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not leak into the child build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(name);
        }

        if (_packagesDirectory is not null)
        {
            start.Environment["NUGET_PACKAGES"] = _packagesDirectory;
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Limit}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public string Succeed(string workingDirectory, params string[] arguments)
    {
        var (exitCode, output) = Run(workingDirectory, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed with exit code {exitCode}:\n{output}");
        return output;
    }
}
