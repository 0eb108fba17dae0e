using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests;

/// <summary>
/// A project that switches between one deployment and FlowDeployment groups: what the earlier
/// layout wrote goes (recognised by its own manifest), nothing else in the folder does.
/// </summary>
public sealed class StaleDeploymentsTests : IDisposable
{
    private static readonly string ThisAssembly = typeof(StaleDeploymentsTests).Assembly.Location;
    private static readonly string AssemblyFile = Path.GetFileName(ThisAssembly);
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    private string Root => Path.Combine(_temp.Path, "flow-deployment");

    private string In(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    /// <summary>Writes a deployment (this test assembly, and a private dependency in a sub-folder) as the task does.</summary>
    private DeploymentResult Write(string folder, string name)
    {
        var dependency = _temp.File("Dependency.dll");
        File.WriteAllText(dependency, "dependency");
        return DeploymentWriter.Write(new DeploymentRequest(
            ThisAssembly,
            new[] { new CandidateFile(ThisAssembly, AssemblyFile, null), new CandidateFile(dependency, "runtimes/linux-x64/native/Dependency.dll", "Some.Package") },
            folder, name, null, DeploymentSettings.Default, null, null,
            new[] { "Flow.Runtime", "Flow.Generators" }, new[] { "Flow.Runtime" }));
    }

    private void UserFile(params string[] parts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(In(parts))!);
        File.WriteAllText(In(parts), "the user's");
    }

    [Fact]
    public void After_a_switch_to_groups_the_top_level_deployment_goes_and_the_groups_and_user_files_stay()
    {
        Write(Root, "Flows");
        UserFile("notes.txt");
        UserFile("runtimes", "readme.txt");
        var alpha = Write(In("Alpha"), "Alpha");
        var beta = Write(In("Beta"), "Beta");

        var removed = StaleDeployments.Remove(Root, new[] { In("Alpha"), In("Beta") }, alpha.WrittenFiles.Concat(beta.WrittenFiles));

        Assert.False(File.Exists(In(DeploymentManifest.FileName)));
        Assert.False(File.Exists(In(AssemblyFile)));
        Assert.False(Directory.Exists(In("runtimes", "linux-x64")));
        Assert.Equal(3, removed.Count);
        Assert.True(File.Exists(In("notes.txt")));
        Assert.True(File.Exists(In("runtimes", "readme.txt")));
        Assert.All(alpha.WrittenFiles.Concat(beta.WrittenFiles), f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void After_a_switch_back_to_one_deployment_the_group_folders_go_but_not_a_folder_that_is_not_a_group()
    {
        Write(In("Alpha"), "Alpha");
        Write(In("Beta"), "Beta");
        UserFile("Beta", "notes.txt");
        // A folder whose manifest names another deployment is not one this task wrote as a group.
        Write(In("Gamma"), "Other");
        var single = Write(Root, "Flows");

        StaleDeployments.Remove(Root, new[] { Root }, single.WrittenFiles);

        Assert.False(Directory.Exists(In("Alpha")));
        Assert.False(File.Exists(In("Beta", DeploymentManifest.FileName)));
        Assert.False(File.Exists(In("Beta", AssemblyFile)));
        Assert.True(File.Exists(In("Beta", "notes.txt")));
        Assert.True(File.Exists(In("Gamma", DeploymentManifest.FileName)));
        Assert.True(File.Exists(In("Gamma", AssemblyFile)));
        Assert.All(single.WrittenFiles, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void A_renamed_group_leaves_no_folder_behind()
    {
        Write(In("Alpha"), "Alpha");
        var renamed = Write(In("Alpha2"), "Alpha2");

        StaleDeployments.Remove(Root, new[] { In("Alpha2") }, renamed.WrittenFiles);

        Assert.False(Directory.Exists(In("Alpha")));
        Assert.True(File.Exists(In("Alpha2", DeploymentManifest.FileName)));
    }

    [Fact]
    public void When_the_layout_did_not_change_nothing_is_removed_or_rewritten()
    {
        var alpha = Write(In("Alpha"), "Alpha");
        var times = alpha.WrittenFiles.ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var removed = StaleDeployments.Remove(Root, new[] { In("Alpha") }, alpha.WrittenFiles);

        Assert.Empty(removed);
        Assert.All(times, t => Assert.Equal(t.Value, File.GetLastWriteTimeUtc(t.Key)));
    }

    [Fact]
    public void A_stale_manifest_that_lists_paths_outside_its_folder_deletes_nothing_there()
    {
        var outside = _temp.File("outside.txt");
        File.WriteAllText(outside, "keep");
        Directory.CreateDirectory(Root);
        File.WriteAllText(In(DeploymentManifest.FileName), ManifestWriter.Write(new DeploymentManifest(
            DeploymentManifest.CurrentSchemaVersion, "Flows", null, 1, AssemblyFile, "hash", DeploymentSettings.Default,
            Array.Empty<ProcessEntry>(), Array.Empty<RetiredProcess>(),
            new[] { new FileEntry("../outside.txt", 4, "x"), new FileEntry(outside, 4, "x") })));
        var alpha = Write(In("Alpha"), "Alpha");

        StaleDeployments.Remove(Root, new[] { In("Alpha") }, alpha.WrittenFiles);

        Assert.True(File.Exists(outside));
        Assert.False(File.Exists(In(DeploymentManifest.FileName)));
    }

    public void Dispose() => _temp.Dispose();
}
