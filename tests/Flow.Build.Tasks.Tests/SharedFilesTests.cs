using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Sharing;
using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests;

/// <summary>
/// What the host provides never lands in a deployment folder: Flow.Runtime's whole dependency
/// closure (from project.assets.json) and Microsoft.Extensions.*.Abstractions, also when the
/// flow project references such a package itself.
/// </summary>
public sealed class SharedFilesTests : IDisposable
{
    private static readonly string ThisAssembly = typeof(SharedFilesTests).Assembly.Location;
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    private string Folder => Path.Combine(_temp.Path, "flow-deployment");

    /// <summary>What restore writes for a flow project on the Flow.Generators package (trimmed to the graph).</summary>
    private const string Assets = """
        {
          "version": 3,
          "targets": {
            "net10.0": {
              "Flow.Generators/0.1.0": { "type": "package", "dependencies": { "Flow.Runtime": "[0.1.0]" } },
              "Flow.Runtime/0.1.0": {
                "type": "package",
                "dependencies": {
                  "Microsoft.Extensions.DependencyInjection.Abstractions": "8.0.2",
                  "Microsoft.Extensions.Hosting.Abstractions": "8.0.1",
                  "Microsoft.Extensions.Logging.Abstractions": "8.0.2"
                },
                "compile": { "lib/net8.0/Flow.Runtime.dll": {} }
              },
              "Microsoft.Extensions.DependencyInjection.Abstractions/8.0.2": { "type": "package" },
              "Microsoft.Extensions.Hosting.Abstractions/8.0.1": {
                "type": "package",
                "dependencies": { "Microsoft.Extensions.Diagnostics.Abstractions": "8.0.1" }
              },
              "Microsoft.Extensions.Diagnostics.Abstractions/8.0.1": {
                "type": "package",
                "dependencies": { "Microsoft.Extensions.Options": "8.0.2" }
              },
              "Microsoft.Extensions.Options/8.0.2": {
                "type": "package",
                "dependencies": { "Microsoft.Extensions.Primitives": "8.0.0" }
              },
              "Microsoft.Extensions.Primitives/8.0.0": { "type": "package" },
              "Microsoft.Extensions.Logging.Abstractions/8.0.2": { "type": "package" },
              "Newtonsoft.Json/13.0.3": { "type": "package" },
              "Shop.Contracts/1.0.0": { "type": "project", "dependencies": { "Newtonsoft.Json": "13.0.3" } }
            }
          },
          "libraries": {},
          "project": { "version": "1.0.0" }
        }
        """;

    private DeploymentRequest Request(string? assets, params CandidateFile[] extra) => new(
        ThisAssembly,
        new[] { new CandidateFile(ThisAssembly, Path.GetFileName(ThisAssembly), null) }.Concat(extra).ToArray(),
        Folder, "Fixtures", null, DeploymentSettings.Default, null, null,
        new[] { "Flow.Runtime", "Flow.Generators" }, new[] { "Flow.Runtime" })
    {
        ProjectAssetsFile = assets,
    };

    private CandidateFile Dependency(string assembly, string? packageId)
    {
        var source = _temp.File(assembly + ".dll");
        File.WriteAllText(source, assembly);
        return new CandidateFile(source, assembly + ".dll", packageId);
    }

    [Fact]
    public void Nothing_of_the_runtime_closure_is_copied()
    {
        var assets = _temp.File("project.assets.json");
        File.WriteAllText(assets, Assets);

        var result = DeploymentWriter.Write(Request(
            assets,
            Dependency("Microsoft.Extensions.Options", "Microsoft.Extensions.Options"),
            Dependency("Microsoft.Extensions.Primitives", "Microsoft.Extensions.Primitives"),
            Dependency("Microsoft.Extensions.Diagnostics.Abstractions", "Microsoft.Extensions.Diagnostics.Abstractions"),
            Dependency("Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Logging.Abstractions"),
            Dependency("Newtonsoft.Json", "Newtonsoft.Json")));

        Assert.Equal(new[] { "Newtonsoft.Json.dll", Path.GetFileName(ThisAssembly) }.OrderBy(p => p, StringComparer.Ordinal), result.Manifest.Files.Select(f => f.Path));
        Assert.Empty(Directory.GetFiles(Folder, "Microsoft.Extensions.*"));
    }

    [Fact]
    public void Extensions_contracts_are_never_copied_even_without_an_assets_file_or_a_package_id()
    {
        var result = DeploymentWriter.Write(Request(
            null,
            Dependency("Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Logging.Abstractions"),
            Dependency("Microsoft.Extensions.Configuration.Abstractions", null),
            Dependency("Microsoft.Extensions.Logging", "Microsoft.Extensions.Logging")));

        Assert.Equal(new[] { "Microsoft.Extensions.Logging.dll", Path.GetFileName(ThisAssembly) }.OrderBy(p => p, StringComparer.Ordinal), result.Manifest.Files.Select(f => f.Path));
    }

    [Fact]
    public void The_closure_follows_packages_and_projects_from_the_roots()
    {
        var assets = _temp.File("project.assets.json");
        File.WriteAllText(assets, Assets);

        var closure = PackageClosure.Read(assets, new[] { "Flow.Generators", "Shop.Contracts" });

        Assert.Equal(
            new[]
            {
                "Flow.Generators", "Flow.Runtime", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Diagnostics.Abstractions",
                "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options",
                "Microsoft.Extensions.Primitives", "Newtonsoft.Json",
            },
            closure.PackageIds.OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(new[] { "Shop.Contracts" }, closure.ProjectNames);
    }

    [Fact]
    public void An_unreadable_assets_file_is_an_error()
    {
        var assets = _temp.File("project.assets.json");
        File.WriteAllText(assets, "{ \"targets\": ");

        var error = Assert.Throws<FlowBuildException>(() => DeploymentWriter.Write(Request(assets)));

        Assert.Equal("FLOW5010", error.Diagnostic.Id);
        Assert.Equal(assets, error.File);
    }

    [Theory]
    [InlineData("Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.*.Abstractions", true)]
    [InlineData("microsoft.extensions.options.abstractions", "Microsoft.Extensions.*.Abstractions", true)]
    [InlineData("Microsoft.Extensions.Logging", "Microsoft.Extensions.*.Abstractions", false)]
    [InlineData("Microsoft.Extensions.Abstractions", "Microsoft.Extensions.*.Abstractions", false)]
    [InlineData("Shop.Contracts", "Shop.*", true)]
    [InlineData("Shop.Contracts", "Shop.Contracts", true)]
    [InlineData("Shop.Contracts2", "Shop.Contracts", false)]
    public void Name_patterns(string name, string pattern, bool matches) => Assert.Equal(matches, NamePattern.Matches(name, pattern));

    public void Dispose() => _temp.Dispose();
}
