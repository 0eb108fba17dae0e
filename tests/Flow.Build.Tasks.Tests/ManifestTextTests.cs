using System.Text;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Versioning;
using static Flow.Build.Tasks.Tests.Infrastructure.Inputs;

namespace Flow.Build.Tasks.Tests;

public class ManifestTextTests
{
    private static DeploymentManifest Sample() => VersionRules.Apply(null, NewDeployment(
        new[] { Process("zeta", "z1"), Process("Alpha", "a1"), Process("alpha", "a2") },
        File("lib/x.dll", "x"), File("Flows.dll", "f")) with { Tenant = "tenant \"one\"\n" });

    [Fact]
    public void The_same_manifest_gives_the_same_bytes()
    {
        var first = ManifestWriter.ToBytes(ManifestWriter.Write(Sample()));
        var second = ManifestWriter.ToBytes(ManifestWriter.Write(Sample()));

        Assert.Equal(first, second);
        Assert.NotEqual(0xEF, first[0]);   // no BOM
        Assert.DoesNotContain((byte)'\r', first);
        Assert.Equal((byte)'\n', first[^1]);
    }

    [Fact]
    public void Lists_are_in_ordinal_order()
    {
        var manifest = Sample();

        Assert.Equal(new[] { "Alpha", "alpha", "zeta" }, manifest.Processes.Select(p => p.Key));
        Assert.Equal(new[] { "Flows.dll", "lib/x.dll" }, manifest.Files.Select(f => f.Path));
    }

    [Fact]
    public void The_text_reads_back_to_the_same_manifest()
    {
        var manifest = Sample();
        var text = ManifestWriter.Write(manifest);

        var read = ManifestReader.Read(text);

        Assert.Equal(text, ManifestWriter.Write(read));
        Assert.Equal("tenant \"one\"\n", read.Tenant);
    }

    [Fact]
    public void The_text_is_as_documented()
    {
        var manifest = VersionRules.Apply(null, NewDeployment(new[] { Process("order", "h") }, File("Flows.dll", "f")));

        var text = ManifestWriter.Write(manifest);

        Assert.StartsWith("{\n  \"schemaVersion\": 1,\n  \"name\": \"Flows\",\n  \"tenant\": null,\n  \"version\": 1,\n  \"assembly\": \"Flows.dll\",\n", text, StringComparison.Ordinal);
        Assert.Contains("\"processes\": [\n    {\n      \"key\": \"order\",\n      \"name\": \"ORDER\",\n      \"type\": \"Flows.orderProcess\",\n      \"version\": 1,\n", text, StringComparison.Ordinal);
        Assert.Contains("\"retiredProcesses\": [],\n", text, StringComparison.Ordinal);
        Assert.EndsWith("      \"sha256\": \"f\"\n    }\n  ]\n}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lock_file_keeps_the_numbering()
    {
        var manifest = Sample() with { DeploymentVersion = 4 };

        var history = LockFile.Read(LockFile.Write(manifest));

        Assert.Equal(4, history.DeploymentVersion);
        Assert.Equal(manifest.ContentHash, history.ContentHash);
        Assert.Equal(manifest.Processes.Select(p => (p.Key, p.DefinitionVersion, p.DefinitionHash)),
            history.Processes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Version, p.Value.DefinitionHash)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"schemaVersion\": 1}")]
    [InlineData("{\"schemaVersion\": 2, \"name\": \"x\"}")]
    [InlineData("[1, 2]")]
    public void Anything_but_a_manifest_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => ManifestReader.Read(text));
    }

    [Fact]
    public void A_manifest_with_a_non_positive_version_is_refused()
    {
        var text = ManifestWriter.Write(Sample()).Replace("\"version\": 1,\n  \"assembly\"", "\"version\": 0,\n  \"assembly\"", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => ManifestReader.Read(text));
        Assert.Contains("'version'", error.Message, StringComparison.Ordinal);
    }
}
