using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests.Integration;

/// <summary>
/// Several named deployments from one project and scanning turned off (issue 16; Camunda's
/// several process archives and isScanForProcessDefinitions), through build/Flow.Deployment.targets
/// and the real task in `dotnet msbuild`, with FlowDeployment metadata on the .bpmn items. This
/// test assembly stands in for the flow assembly: its fixtures are fixture-a (a.bpmn) and fixture-b (b.bpmn).
/// </summary>
public sealed class DeploymentGroupsTests : IDisposable
{
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    private (int ExitCode, string Output) Build(string items, string properties = "")
    {
        var tasks = Directory.CreateDirectory(Path.Combine(_temp.Path, "tasks", "net8.0")).FullName;
        File.Copy(typeof(DeploymentWriter).Assembly.Location, Path.Combine(tasks, "Flow.Build.Tasks.dll"), overwrite: true);
        var flow = Path.Combine(_temp.Path, "Fixtures.dll");
        File.Copy(typeof(DeploymentGroupsTests).Assembly.Location, flow, overwrite: true);
        File.WriteAllText(Path.Combine(_temp.Path, "a.bpmn"), "<definitions id='a' />");
        File.WriteAllText(Path.Combine(_temp.Path, "b.bpmn"), "<definitions id='b' />");
        var targets = Path.Combine(RepositoryPaths.Root, "src", "Flow.Generators", "build", "Flow.Deployment.targets");
        var project = Path.Combine(_temp.Path, "flows.proj");
        File.WriteAllText(project, $"""
            <Project>
              <PropertyGroup>
                <AssemblyName>Flows</AssemblyName>
                <OutDir>bin/</OutDir>
                <IntermediateOutputPath>obj/</IntermediateOutputPath>
                <BuildingProject>true</BuildingProject>
                <FlowBuildTasksDirectory>{_temp.Path}/tasks/</FlowBuildTasksDirectory>
                <TargetPath>{flow}</TargetPath>
                <TargetFileName>Fixtures.dll</TargetFileName>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <IntermediateAssembly Include="{flow}" />
                {items}
              </ItemGroup>
              <Import Project="{targets}" />
              <Target Name="Build" />
            </Project>
            """);
        return new DotnetCli(packagesDirectory: null).Run(_temp.Path, "msbuild", project, "-t:Build", "-nologo", "-nodeReuse:false");
    }

    private global::Flow.Deployment.DeploymentManifest Manifest(params string[] folder) =>
        global::Flow.Deployment.ManifestReader.Read(Path.Combine(new[] { _temp.Path, "bin", "flow-deployment" }.Concat(folder).ToArray()));

    [Fact]
    public void FlowDeployment_metadata_gives_one_named_deployment_per_name_each_with_its_diagrams_processes()
    {
        var (exitCode, output) = Build("""
            <AdditionalFiles Include="a.bpmn" FlowDeployment="Alpha" />
            <AdditionalFiles Include="b.bpmn" FlowDeployment="Beta" />
            """);

        Assert.True(exitCode == 0, output);
        var alpha = Manifest("Alpha");
        var beta = Manifest("Beta");
        Assert.Equal(("Alpha", 1), (alpha.Name, alpha.Version));
        Assert.Equal(new[] { "fixture-a" }, alpha.Processes.Select(p => p.Key));
        Assert.Equal("Beta", beta.Name);
        Assert.Equal(new[] { "fixture-b" }, beta.Processes.Select(p => p.Key));
        Assert.True(File.Exists(Path.Combine(_temp.Path, "flow-lock.Alpha.json")), output);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "flow-lock.Beta.json")), output);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "bin", "flow-deployment", "flow-manifest.json")));
    }

    /// <summary>
    /// A process knows only its file's name: two diagrams called a.bpmn in two folders, in two
    /// deployments, gave both deployments the process (and the key to two deployments at once).
    /// </summary>
    [Fact]
    public void Diagrams_of_one_file_name_in_two_folders_each_give_their_own_deployment_its_processes()
    {
        const string Model = "xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'";
        Directory.CreateDirectory(Path.Combine(_temp.Path, "one"));
        Directory.CreateDirectory(Path.Combine(_temp.Path, "two"));
        File.WriteAllText(Path.Combine(_temp.Path, "one", "a.bpmn"), $"<definitions {Model} id='one'><process id='fixture-a' /></definitions>");
        File.WriteAllText(Path.Combine(_temp.Path, "two", "a.bpmn"), $"<definitions {Model} id='two'><process id='other' /></definitions>");
        var (exitCode, output) = Build("""
            <AdditionalFiles Include="one/a.bpmn" FlowDeployment="Alpha" />
            <AdditionalFiles Include="two/a.bpmn;b.bpmn" FlowDeployment="Beta" />
            """);

        Assert.True(exitCode == 0, output);
        Assert.Equal(new[] { "fixture-a" }, Manifest("Alpha").Processes.Select(p => p.Key));
        Assert.Equal(new[] { "fixture-b" }, Manifest("Beta").Processes.Select(p => p.Key));
    }

    [Fact]
    public void With_scanning_off_only_the_listed_diagrams_are_deployed()
    {
        var (exitCode, output) = Build(
            """
            <AdditionalFiles Include="a.bpmn" FlowDeployment="Flows" />
            <AdditionalFiles Include="b.bpmn" />
            """,
            "<FlowScanForProcessDefinitions>false</FlowScanForProcessDefinitions>");

        Assert.True(exitCode == 0, output);
        var manifest = Manifest();   // one deployment of the project's own name: the usual folder
        Assert.Equal("Flows", manifest.Name);
        Assert.Equal(new[] { "fixture-a" }, manifest.Processes.Select(p => p.Key));
    }

    [Fact]
    public void With_scanning_on_unlisted_diagrams_stay_in_the_projects_own_deployment()
    {
        var (exitCode, output) = Build("""
            <AdditionalFiles Include="a.bpmn" />
            <AdditionalFiles Include="b.bpmn" FlowDeployment="Beta" />
            """);

        Assert.True(exitCode == 0, output);
        Assert.Equal(new[] { "fixture-a" }, Manifest("Flows").Processes.Select(p => p.Key));
        Assert.Equal(new[] { "fixture-b" }, Manifest("Beta").Processes.Select(p => p.Key));
    }

    [Fact]
    public void Scanning_off_with_no_diagram_listed_is_FLOW5061()
    {
        var (exitCode, output) = Build("""<AdditionalFiles Include="a.bpmn" />""", "<FlowScanForProcessDefinitions>false</FlowScanForProcessDefinitions>");

        Assert.True(exitCode != 0, output);
        Assert.Contains("error FLOW5061", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_name_that_cannot_be_a_folder_is_FLOW5060_naming_the_diagram()
    {
        var (exitCode, output) = Build("""<AdditionalFiles Include="a.bpmn" FlowDeployment="../out" />""");

        Assert.True(exitCode != 0, output);
        Assert.Contains("error FLOW5060", output, StringComparison.Ordinal);
        Assert.Contains("a.bpmn", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_deployment_whose_diagrams_define_no_process_is_FLOW5062()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "c.bpmn"), "<definitions id='c' />");

        var (exitCode, output) = Build("""
            <AdditionalFiles Include="a.bpmn" />
            <AdditionalFiles Include="c.bpmn" FlowDeployment="Gamma" />
            """);

        Assert.True(exitCode != 0, output);
        Assert.Contains("error FLOW5062", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A project that built one deployment and then named groups kept the old top-level
    /// flow-manifest.json (and its files) beside the group folders, for a host or copy step to
    /// pick up; switching back kept the group folders.
    /// </summary>
    [Fact]
    public void Switching_between_one_deployment_and_groups_leaves_no_stale_deployment_and_keeps_user_files()
    {
        const string Groups = """
            <AdditionalFiles Include="a.bpmn" FlowDeployment="Alpha" />
            <AdditionalFiles Include="b.bpmn" FlowDeployment="Beta" />
            """;
        var folder = Path.Combine(_temp.Path, "bin", "flow-deployment");
        var (exitCode, output) = Build("""<AdditionalFiles Include="a.bpmn;b.bpmn" />""");
        Assert.True(exitCode == 0, output);
        Assert.Equal("Flows", Manifest().Name);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "the user's");

        (exitCode, output) = Build(Groups);

        Assert.True(exitCode == 0, output);
        Assert.False(File.Exists(Path.Combine(folder, "flow-manifest.json")), output);
        Assert.False(File.Exists(Path.Combine(folder, "Fixtures.dll")), output);
        Assert.Equal(new[] { "fixture-a" }, Manifest("Alpha").Processes.Select(p => p.Key));
        Assert.Equal(new[] { "fixture-b" }, Manifest("Beta").Processes.Select(p => p.Key));
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));

        // An unchanged rebuild removes and rewrites nothing.
        var before = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        (exitCode, output) = Build(Groups);
        Assert.True(exitCode == 0, output);
        Assert.Equal(before, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));

        (exitCode, output) = Build("""<AdditionalFiles Include="a.bpmn;b.bpmn" />""");

        Assert.True(exitCode == 0, output);
        Assert.False(Directory.Exists(Path.Combine(folder, "Alpha")), output);
        Assert.False(Directory.Exists(Path.Combine(folder, "Beta")), output);
        Assert.Equal(new[] { "fixture-a", "fixture-b" }, Manifest().Processes.Select(p => p.Key));
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
    }

    /// <summary>The stamp was deleted whenever flow-deployment/flow-manifest.json was missing, which with groups is always: the task ran on every build.</summary>
    [Fact]
    public void With_groups_a_no_op_build_skips_the_task_and_a_deleted_group_folder_is_written_again()
    {
        var (exitCode, output) = Build("""
            <AdditionalFiles Include="a.bpmn" FlowDeployment="Alpha" />
            <AdditionalFiles Include="b.bpmn" FlowDeployment="Beta" />
            """);
        Assert.True(exitCode == 0, output);
        var cli = new DotnetCli(packagesDirectory: null);
        string Rebuild() => cli.Run(_temp.Path, "msbuild", Path.Combine(_temp.Path, "flows.proj"), "-t:Build", "-nologo", "-nodeReuse:false", "-v:n").Output;

        var again = Rebuild();

        Assert.Contains("Skipping target \"_FlowWriteDeployment\"", again, StringComparison.Ordinal);

        Directory.Delete(Path.Combine(_temp.Path, "bin", "flow-deployment", "Alpha"), recursive: true);
        var afterDelete = Rebuild();

        Assert.DoesNotContain("Skipping target \"_FlowWriteDeployment\"", afterDelete, StringComparison.Ordinal);
        Assert.Equal(new[] { "fixture-a" }, Manifest("Alpha").Processes.Select(p => p.Key));
    }

    [Fact]
    public void A_build_into_another_deployment_folder_writes_it_even_when_nothing_else_changed()
    {
        // Shop.Host builds the same project into a new folder per run (-p:FlowDeploymentDir=...): the files
        // the last build listed still exist in the old folder, which must not make the new one up to date.
        var (exitCode, output) = Build("""<AdditionalFiles Include="a.bpmn" />""");
        Assert.True(exitCode == 0, output);
        var elsewhere = Path.Combine(_temp.Path, "elsewhere");

        var again = new DotnetCli(packagesDirectory: null).Run(_temp.Path, "msbuild", Path.Combine(_temp.Path, "flows.proj"), "-t:Build", "-nologo", "-nodeReuse:false", "-v:n", "-p:FlowDeploymentDir=" + elsewhere).Output;

        Assert.DoesNotContain("Skipping target \"_FlowWriteDeployment\"", again, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(elsewhere, "flow-manifest.json")), again);
    }

    public void Dispose() => _temp.Dispose();
}
