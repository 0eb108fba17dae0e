using System.Diagnostics;
using System.Reflection;

namespace Shop.Host;

/// <summary>Builds the Shop.Flows library (one of its two diagram variants) into a deployment folder, as a pipeline would.</summary>
internal static class FlowLibraryBuild
{
    private static readonly string Project = typeof(FlowLibraryBuild).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ShopFlowsProject").Value!;

    public static async Task RunAsync(string variant, string deploymentFolder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Project, "-c", "Release", "-nologo", "-v", "q", "-p:OrderVariant=" + variant, "-p:FlowDeploymentDir=" + deploymentFolder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("Building Shop.Flows failed:\n" + output);
        }
    }
}
