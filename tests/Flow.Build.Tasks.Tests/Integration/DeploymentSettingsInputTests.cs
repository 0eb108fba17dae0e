using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests.Integration;

/// <summary>
/// The deployment task's settings are inputs of its incremental target: a property set outside
/// the project file (Directory.Build.props, an imported file, the command line) changed no input,
/// so the next build skipped the task and kept the old manifest.
/// </summary>
public sealed class DeploymentSettingsInputTests : IDisposable
{
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    public DeploymentSettingsInputTests()
    {
        var tasks = Directory.CreateDirectory(Path.Combine(_temp.Path, "tasks", "net8.0")).FullName;
        File.Copy(typeof(DeploymentWriter).Assembly.Location, Path.Combine(tasks, "Flow.Build.Tasks.dll"), overwrite: true);
        var flow = Path.Combine(_temp.Path, "Fixtures.dll");
        File.Copy(typeof(DeploymentSettingsInputTests).Assembly.Location, flow, overwrite: true);
        File.WriteAllText(Path.Combine(_temp.Path, "a.bpmn"), "<definitions id='a' />");
        WriteSettings("<FlowTenant>north</FlowTenant>");
        var targets = Path.Combine(RepositoryPaths.Root, "src", "Flow.Generators", "build", "Flow.Deployment.targets");
        File.WriteAllText(Path.Combine(_temp.Path, "flows.proj"), $"""
            <Project>
              <Import Project="settings.props" />
              <PropertyGroup>
                <AssemblyName>Flows</AssemblyName>
                <OutDir>bin/</OutDir>
                <IntermediateOutputPath>obj/</IntermediateOutputPath>
                <BuildingProject>true</BuildingProject>
                <FlowBuildTasksDirectory>{_temp.Path}/tasks/</FlowBuildTasksDirectory>
                <TargetPath>{flow}</TargetPath>
                <TargetFileName>Fixtures.dll</TargetFileName>
              </PropertyGroup>
              <ItemGroup>
                <IntermediateAssembly Include="{flow}" />
                <AdditionalFiles Include="a.bpmn" />
              </ItemGroup>
              <Import Project="{targets}" />
              <Target Name="Build" />
            </Project>
            """);
    }

    /// <summary>Stands in for Directory.Build.props: imported, not the project file itself.</summary>
    private void WriteSettings(string properties) =>
        File.WriteAllText(Path.Combine(_temp.Path, "settings.props"), $"<Project><PropertyGroup>{properties}</PropertyGroup></Project>");

    private string Build(params string[] properties)
    {
        var (exitCode, output) = new DotnetCli(packagesDirectory: null).Run(
            _temp.Path, new[] { "msbuild", Path.Combine(_temp.Path, "flows.proj"), "-t:Build", "-nologo", "-nodeReuse:false", "-v:n" }.Concat(properties).ToArray());
        Assert.True(exitCode == 0, output);
        return output;
    }

    private global::Flow.Deployment.DeploymentManifest Manifest() =>
        global::Flow.Deployment.ManifestReader.Read(Path.Combine(_temp.Path, "bin", "flow-deployment"));

    [Fact]
    public void A_setting_changed_in_an_imported_props_file_rewrites_the_manifest()
    {
        Build();
        Assert.Equal("north", Manifest().Tenant);

        WriteSettings("<FlowTenant>south</FlowTenant>");
        var output = Build();

        Assert.DoesNotContain("Skipping target \"_FlowWriteDeployment\"", output, StringComparison.Ordinal);
        Assert.Equal("south", Manifest().Tenant);
    }

    [Fact]
    public void A_setting_changed_on_the_command_line_rewrites_the_manifest_and_an_unchanged_one_skips()
    {
        Build();
        Assert.False(Manifest().Settings.DeployChangedOnly);

        var output = Build("-p:FlowDeployChangedOnly=true");

        Assert.DoesNotContain("Skipping target \"_FlowWriteDeployment\"", output, StringComparison.Ordinal);
        Assert.True(Manifest().Settings.DeployChangedOnly);
        Assert.Contains("Skipping target \"_FlowWriteDeployment\"", Build("-p:FlowDeployChangedOnly=true"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_assembly_pattern_with_a_star_counts_as_a_setting_and_is_not_read_as_files()
    {
        Build("-p:FlowSharedAssemblyNames=Contoso.*");

        var output = Build("-p:FlowSharedAssemblyNames=Fabrikam.*");

        Assert.DoesNotContain("Skipping target \"_FlowWriteDeployment\"", output, StringComparison.Ordinal);
        Assert.Contains("sharedAssemblies=Fabrikam.*", File.ReadAllText(Path.Combine(_temp.Path, "obj", "flow-deployment.settings")), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
