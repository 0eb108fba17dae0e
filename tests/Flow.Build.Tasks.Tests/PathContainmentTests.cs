using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests;

/// <summary>The task writes and deletes only inside the deployment folder, compared with its trailing separator.</summary>
public sealed class PathContainmentTests : IDisposable
{
    private static readonly string ThisAssembly = typeof(PathContainmentTests).Assembly.Location;
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    private string Folder => Path.Combine(_temp.Path, "flow-deployment");

    private DeploymentRequest Request(params CandidateFile[] extra) => new(
        ThisAssembly,
        new[] { new CandidateFile(ThisAssembly, Path.GetFileName(ThisAssembly), null) }.Concat(extra).ToArray(),
        Folder, "Fixtures", null, DeploymentSettings.Default, null, null, Array.Empty<string>(), Array.Empty<string>());

    [Fact]
    public void A_previous_manifest_naming_a_file_in_a_sibling_folder_deletes_nothing_there()
    {
        var first = DeploymentWriter.Write(Request());
        var sibling = Directory.CreateDirectory(Path.Combine(_temp.Path, "flow-deployment2")).FullName;
        var victim = Path.Combine(sibling, "x.dll");
        File.WriteAllText(victim, "not yours");
        var edited = first.Manifest with { Files = first.Manifest.Files.Append(new FileEntry("../flow-deployment2/x.dll", 9, new string('0', 64))).ToArray() };
        File.WriteAllText(first.ManifestPath, ManifestWriter.Write(edited));
        var helper = _temp.File("Helper.dll");
        File.WriteAllText(helper, "changes the content");

        DeploymentWriter.Write(Request(new CandidateFile(helper, "Helper.dll", null)));

        Assert.True(File.Exists(victim), "a file outside the deployment folder was deleted");
    }

    [Theory]
    [InlineData("../flow-deployment2/x.dll")]
    [InlineData("../x.dll")]
    [InlineData("sub/../../x.dll")]
    public void A_file_that_would_land_outside_the_folder_is_refused_before_anything_is_written(string relative)
    {
        var helper = _temp.File("Helper.dll");
        File.WriteAllText(helper, "helper");

        var error = Assert.Throws<FlowBuildException>(() => DeploymentWriter.Write(Request(new CandidateFile(helper, relative, null))));

        Assert.Equal("FLOW5012", error.Diagnostic.Id);
        Assert.False(Directory.Exists(Folder));
    }

    [Theory]
    [InlineData("a.dll", true)]
    [InlineData("sub/a.dll", true)]
    [InlineData("sub/../a.dll", true)]
    [InlineData("../flow-deployment2/a.dll", false)]
    [InlineData("../flow-deployment", false)]
    [InlineData(".", false)]
    [InlineData("/etc/passwd", false)]
    public void Containment_is_separator_exact(string relative, bool inside)
    {
        Assert.Equal(inside, FolderPath.Inside(Folder, relative) is not null);
        Assert.Equal(inside, FolderPath.Inside(Folder + Path.DirectorySeparatorChar, relative) is not null);
    }

    public void Dispose() => _temp.Dispose();
}
