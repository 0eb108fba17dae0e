using Flow.Build.Tasks.Tests.Infrastructure;
using Flow.Build.Tasks.Tests.Integration;

namespace Flow.Build.Tasks.Tests.Packaging;

/// <summary>
/// Packing with a version NuGet cannot read (a numeric pre-release part with a leading zero, as
/// `date +%H%M%S` gives before 10:00) failed restore with "The RestoreTask task returned false
/// but did not log an error". The repository's Directory.Build.targets names the version instead.
/// </summary>
public class PackageVersionCheckTests
{
    private static string RuntimeProject => Path.Combine(RepositoryPaths.Root, "src", "Flow.Runtime", "Flow.Runtime.csproj");

    [Fact]
    public void Restoring_for_a_pack_with_a_leading_zero_pre_release_number_names_the_version()
    {
        // Fails before restore writes anything, so the repository's obj/ stays as it was.
        var (exitCode, output) = new DotnetCli(packagesDirectory: null).Run(
            RepositoryPaths.Root, "msbuild", RuntimeProject, "-t:Restore", "-nologo", "-nodeReuse:false", "-p:Version=0.1.0-local.034215");

        Assert.True(exitCode != 0, output);
        Assert.Contains("The package version '0.1.0-local.034215'", output, StringComparison.Ordinal);
        Assert.Contains("must not start with 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("did not log an error", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01.2.0")]              // NuGet writes it as 1.2.0
    [InlineData("0.1.0-local.0")]
    [InlineData("0.1.0-local.20261127034215")]
    [InlineData("1.0.0-rc-1.05a+build.007")]
    public void Versions_NuGet_reads_pass_the_check(string version)
    {
        var (exitCode, output) = new DotnetCli(packagesDirectory: null).Run(
            RepositoryPaths.Root, "msbuild", RuntimeProject, "-t:_FlowCheckPackageVersion", "-nologo", "-nodeReuse:false", "-p:Version=" + version);

        Assert.True(exitCode == 0, output);
    }
}
