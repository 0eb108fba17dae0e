using Flow.Build.Tasks.Assembly;
using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests;

/// <summary>The writer on a real folder, with this test assembly as the "flow assembly".</summary>
public class DeploymentWriterTests : IDisposable
{
    private static readonly string ThisAssembly = typeof(DeploymentWriterTests).Assembly.Location;
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    private string Folder => Path.Combine(_temp.Path, "flow-deployment");

    private DeploymentRequest Request(string? lockFile = null, params CandidateFile[] extra) => new(
        ThisAssembly,
        new[] { new CandidateFile(ThisAssembly, Path.GetFileName(ThisAssembly), null) }.Concat(extra).ToArray(),
        Folder, "Fixtures", null, DeploymentSettings.Default, lockFile, null,
        new[] { "Flow.Runtime", "Flow.Generators" }, new[] { "Flow.Runtime" });

    [Fact]
    public void Processes_are_read_from_metadata_with_their_full_type_names()
    {
        var processes = FlowProcessReader.Read(ThisAssembly);

        Assert.Equal(new[] { "fixture-a", "fixture-b" }, processes.Select(p => p.Key));
        Assert.Equal("Flow.Build.Tasks.Tests.Infrastructure.Outer+NestedFixtureProcess", processes[0].Type);
        Assert.Equal(("Fixture A", "hash-a", "a.bpmn", "source-a"), (processes[0].Name, processes[0].DefinitionHash, processes[0].SourceFile, processes[0].SourceHash));
        Assert.Null(processes[1].Name);
    }

    [Fact]
    public void The_folder_holds_the_assembly_and_the_manifest_and_a_rerun_changes_nothing()
    {
        var first = DeploymentWriter.Write(Request());
        var bytes = File.ReadAllBytes(first.ManifestPath);
        var written = File.GetLastWriteTimeUtc(first.ManifestPath);

        var second = DeploymentWriter.Write(Request());

        Assert.True(File.Exists(Path.Combine(Folder, Path.GetFileName(ThisAssembly))));
        Assert.Equal(bytes, File.ReadAllBytes(second.ManifestPath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.ManifestPath));
        Assert.Equal(1, second.Manifest.DeploymentVersion);
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp"));
    }

    [Fact]
    public void Shared_assemblies_are_never_copied()
    {
        var runtime = typeof(Flow.FlowProcessAttribute).Assembly.Location;
        var fromPackage = new CandidateFile(_temp.File("Other.dll"), "Other.dll", "Flow.Runtime");
        File.WriteAllText(fromPackage.SourcePath, "x");

        var result = DeploymentWriter.Write(Request(null, new CandidateFile(runtime, "Flow.Runtime.dll", null), fromPackage));

        Assert.Equal(new[] { Path.GetFileName(ThisAssembly) }, result.Manifest.Files.Select(f => f.Path));
        Assert.False(File.Exists(Path.Combine(Folder, "Flow.Runtime.dll")));
    }

    [Fact]
    public void Private_dependencies_are_copied_with_their_sub_folder_and_stale_ones_removed()
    {
        var helper = _temp.File("Helper.dll");
        File.WriteAllText(helper, "helper");
        DeploymentWriter.Write(Request(null, new CandidateFile(helper, "de\\Helper.dll", "Some.Package")));
        Assert.True(File.Exists(Path.Combine(Folder, "de", "Helper.dll")));

        var result = DeploymentWriter.Write(Request());

        Assert.False(File.Exists(Path.Combine(Folder, "de", "Helper.dll")));
        Assert.Equal(2, result.Manifest.DeploymentVersion);
    }

    [Fact]
    public void A_corrupt_previous_manifest_is_an_error_not_a_reset()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, DeploymentManifest.FileName), "{ \"schemaVersion\": 1, \"version\": ");

        var error = Assert.Throws<FlowBuildException>(() => DeploymentWriter.Write(Request()));

        Assert.Equal("FLOW5001", error.Diagnostic.Id);
        Assert.Contains("never silently reset", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("{ \"schemaVersion\": 1", File.ReadAllText(Path.Combine(Folder, DeploymentManifest.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_lock_file_is_an_error()
    {
        var lockFile = _temp.File("flow-lock.json");
        File.WriteAllText(lockFile, "{ \"schemaVersion\": \"one\" }");

        var error = Assert.Throws<FlowBuildException>(() => DeploymentWriter.Write(Request(lockFile)));

        Assert.Equal("FLOW5002", error.Diagnostic.Id);
        Assert.Equal(lockFile, error.File);
    }

    [Fact]
    public void The_lock_file_carries_versions_across_a_clean_build()
    {
        var lockFile = _temp.File("flow-lock.json");
        var helper = _temp.File("Helper.dll");
        File.WriteAllText(helper, "v1");
        DeploymentWriter.Write(Request(lockFile, new CandidateFile(helper, "Helper.dll", null)));
        File.WriteAllText(helper, "v2");
        DeploymentWriter.Write(Request(lockFile, new CandidateFile(helper, "Helper.dll", null)));
        Directory.Delete(Folder, recursive: true);

        var result = DeploymentWriter.Write(Request(lockFile, new CandidateFile(helper, "Helper.dll", null)));

        Assert.Equal(2, result.Manifest.DeploymentVersion);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_reported()
    {
        var notAssembly = _temp.File("Flows.dll");
        File.WriteAllText(notAssembly, "not a PE file");

        var error = Assert.Throws<FlowBuildException>(() => DeploymentWriter.Write(Request() with { FlowAssembly = notAssembly }));

        Assert.Equal("FLOW5003", error.Diagnostic.Id);
    }

    [Fact]
    public void Two_files_for_one_path_are_reported()
    {
        var a = _temp.File("a.dll");
        var b = _temp.File("b.dll");
        File.WriteAllText(a, "a");
        File.WriteAllText(b, "b");

        var error = Assert.Throws<FlowBuildException>(() => DeploymentFiles.Select(
            new[] { new CandidateFile(a, "x.dll", null), new CandidateFile(b, "x.dll", null) }, Array.Empty<string>(), Array.Empty<string>()));

        Assert.Equal("FLOW5007", error.Diagnostic.Id);
    }

    [Fact]
    public void Every_catalog_id_is_unique_and_in_the_FLOW5xxx_range()
    {
        var ids = TaskDiagnostics.All.Select(d => d.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^FLOW5\d{3}$", id));
    }

    public void Dispose() => _temp.Dispose();
}
