using System.Xml.Linq;
using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests.Packaging;

/// <summary>
/// Both packages carry a readme (no "missing a readme" notice from pack, a page on the feed):
/// the nuspec of Flow.Generators and the project of Flow.Runtime name one, and pack it from a
/// file that exists. (PackageIntegrationTests packs both for real.)
/// </summary>
public class PackageReadmeTests
{
    [Fact]
    public void The_generator_nuspec_names_and_packs_a_readme()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Flow.Generators");
        var nuspec = XDocument.Load(Path.Combine(folder, "Flow.Generators.nuspec")).Root!;
        XNamespace ns = nuspec.Name.NamespaceName;

        var readme = nuspec.Element(ns + "metadata")?.Element(ns + "readme")?.Value;
        Assert.False(string.IsNullOrEmpty(readme), "Flow.Generators.nuspec has no <readme>");
        var packed = nuspec.Element(ns + "files")!.Elements(ns + "file").SingleOrDefault(f => (string?)f.Attribute("target") == readme);
        Assert.True(packed is not null, $"no <file> packs {readme}");
        Assert.True(File.Exists(Path.Combine(folder, (string)packed!.Attribute("src")!)), $"{packed.Attribute("src")} does not exist");
    }

    [Fact]
    public void The_runtime_project_names_and_packs_a_readme()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Flow.Runtime");
        var project = XDocument.Load(Path.Combine(folder, "Flow.Runtime.csproj")).Root!;

        var readme = project.Descendants("PackageReadmeFile").SingleOrDefault()?.Value;
        Assert.False(string.IsNullOrEmpty(readme), "Flow.Runtime.csproj has no <PackageReadmeFile>");
        var packed = project.Descendants("None").SingleOrDefault(n => (string?)n.Attribute("Pack") == "true" && (string?)n.Attribute("PackagePath") == readme);
        Assert.True(packed is not null, $"no <None Pack=\"true\"> packs {readme}");
        Assert.True(File.Exists(Path.Combine(folder, (string)packed!.Attribute("Include")!)), $"{packed.Attribute("Include")} does not exist");
    }
}
