using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Shop.Host;

/// <summary>Builds the Shop.Flows library (one of its two diagram variants) into a deployment folder, as a pipeline would.</summary>
internal static partial class FlowLibraryBuild
{
    private static readonly string Project = typeof(FlowLibraryBuild).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ShopFlowsProject").Value!;

    /// <summary>"  Shop.Flows -> /path/Shop.Flows.dll": MSBuild's line for each project built.</summary>
    [GeneratedRegex(@"^\s*(\S+) -> ")]
    private static partial Regex ProjectBuilt();

    /// <summary>
    /// Runs `dotnet build`; <paramref name="progress"/> hears of each project built and, when the
    /// build is quiet, of the time so far (the first build compiles the generator and the
    /// runtime too and takes a minute or more).
    /// </summary>
    public static async Task RunAsync(string variant, string deploymentFolder, Action<string> progress)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Project, "-c", "Release", "-nologo", "-v", "minimal", "-p:OrderVariant=" + variant, "-p:FlowDeploymentDir=" + deploymentFolder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var clock = Stopwatch.StartNew();
        var output = new StringBuilder();
        var lastReport = TimeSpan.Zero;
        var built = new HashSet<string>(StringComparer.Ordinal);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Heard(e.Data);
        process.ErrorDataReceived += (_, e) => Heard(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var exited = process.WaitForExitAsync();
        while (!exited.IsCompleted && await ticker.WaitForNextTickAsync())
        {
            lock (output)
            {
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
                {
                    Report($"still building ({clock.Elapsed.TotalSeconds:0} s)");
                }
            }
        }

        await exited;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("Building Shop.Flows failed:\n" + output);
        }

        void Heard(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                // Once per project (a multi-targeted one reports each target framework).
                if (ProjectBuilt().Match(line) is { Success: true } match && built.Add(match.Groups[1].Value))
                {
                    Report($"built {match.Groups[1].Value} ({clock.Elapsed.TotalSeconds:0} s)");
                }
            }
        }

        void Report(string text)
        {
            lastReport = clock.Elapsed;
            progress(text);
        }
    }
}
