using System.Security.Cryptography;
using System.Text;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests;

/// <summary>
/// The manifest's sourceHash is the diagram file's own SHA-256, hashed by the task: generated
/// code carries only a layout-free hash (moving a shape must not regenerate C#).
/// </summary>
public class SourceHashTests : IDisposable
{
    private static readonly string ThisAssembly = typeof(SourceHashTests).Assembly.Location;
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    private DeploymentRequest Request(params string[] diagrams) => new DeploymentRequest(
        ThisAssembly,
        new[] { new CandidateFile(ThisAssembly, Path.GetFileName(ThisAssembly), null) },
        Path.Combine(_temp.Path, "flow-deployment"), "Fixtures", null, DeploymentSettings.Default, null, null,
        new[] { "Flow.Runtime", "Flow.Generators" }, new[] { "Flow.Runtime" })
    {
        DiagramPaths = diagrams,
    };

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    [Fact]
    public void The_manifest_carries_the_hash_of_the_file_on_disk()
    {
        Directory.CreateDirectory(_temp.File("flows"));
        var diagram = _temp.File(Path.Combine("flows", "a.bpmn"));
        File.WriteAllText(diagram, "<definitions>moved shape</definitions>");

        var manifest = DeploymentWriter.Write(Request(diagram)).Manifest;

        Assert.Equal(Sha256("<definitions>moved shape</definitions>"), manifest.Processes.Single(p => p.Key == "fixture-a").SourceHash);
        Assert.Equal("source-b", manifest.Processes.Single(p => p.Key == "fixture-b").SourceHash);
    }

    [Fact]
    public void Two_diagrams_with_the_same_name_keep_the_assemblys_hash()
    {
        Directory.CreateDirectory(_temp.File("one"));
        Directory.CreateDirectory(_temp.File("two"));
        File.WriteAllText(_temp.File(Path.Combine("one", "a.bpmn")), "1");
        File.WriteAllText(_temp.File(Path.Combine("two", "a.bpmn")), "2");

        var manifest = DeploymentWriter.Write(Request(_temp.File(Path.Combine("one", "a.bpmn")), _temp.File(Path.Combine("two", "a.bpmn")))).Manifest;

        Assert.Equal("source-a", manifest.Processes.Single(p => p.Key == "fixture-a").SourceHash);
    }

    public void Dispose() => _temp.Dispose();
}
