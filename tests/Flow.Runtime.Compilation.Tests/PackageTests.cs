using Flow.Build.Tasks.Tests.Infrastructure;
using Flow.Build.Tasks.Tests.Integration;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>
/// Packs Flow.Runtime and Flow.Runtime.Compilation into a local folder feed with a unique
/// prerelease version (as PackageIntegrationTests does for the build packages), then builds a
/// fresh host that references only Flow.Runtime.Compilation (Flow.Runtime, Flow.Compiler inside it,
/// and Roslyn come with it) with the real `dotnet build` and its own package cache: it deploys a
/// diagram as text, runs an instance on it, and gets a refused edit at its line and column.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "flow-content-pack-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [Fact]
    public void A_host_with_only_the_package_deploys_content_and_runs_it()
    {
        var repository = RepositoryPaths.Root;
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var host = Directory.CreateDirectory(Path.Combine(_root, "host")).FullName;
        var version = "0.1.0-it.g" + Guid.NewGuid().ToString("N")[..12];   // a letter first: all-digit hex with a leading 0 is no SemVer

        // A configuration of its own, so packing does not overwrite the tests' Release output; the
        // machine's package cache, so the repository's obj/ folders stay valid.
        var packer = new DotnetCli(packagesDirectory: null);
        foreach (var project in new[] { "src/Flow.Runtime/Flow.Runtime.csproj", "src/Flow.Runtime.Compilation/Flow.Runtime.Compilation.csproj" })
        {
            packer.Succeed(repository, "pack", Path.Combine(repository, project), "-c", "PackTest", "-o", feed, "-p:Version=" + version, "--disable-build-servers");
        }

        File.WriteAllText(Path.Combine(host, "ContentHost.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Flow.Runtime.Compilation" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(host, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="flow-local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(host, "Program.cs"), HostProgram);
        var cli = new DotnetCli(Path.Combine(_root, "packages"));
        cli.Succeed(host, "build", "--disable-build-servers", "-nodeReuse:false");

        var ran = cli.Succeed(host, Path.Combine(host, "bin", "Debug", "net10.0", "ContentHost.dll"));

        Assert.Contains("deployed: order v1", ran, StringComparison.Ordinal);
        Assert.Contains("status: Completed total: 42", ran, StringComparison.Ordinal);
        Assert.Contains("refused: FLOW6250 CS0103 at 11:", ran, StringComparison.Ordinal);
        Assert.Contains("live: order v1", ran, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host, "bin", "Debug", "net10.0", "Flow.Generators.dll")), "the host needs no generator");
        Assert.True(File.Exists(Path.Combine(host, "bin", "Debug", "net10.0", "Flow.Compiler.dll")), "Flow.Compiler travels inside the package");
    }

    /// <summary>A host with no flow project: a diagram whose script computes the total, deployed as text; then an edit naming an unknown variable.</summary>
    private const string HostProgram = """"
        using Flow.Compilation;
        using Flow.Deployment;
        using Flow.Engine;
        using Flow.Instances;

        const string Diagram = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
              <bpmn:process id="order" name="Order" isExecutable="true">
                <bpmn:extensionElements>
                  <flow:variable name="amount" type="int" />
                  <flow:variable name="total" type="int" />
                </bpmn:extensionElements>
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Total" />
                <bpmn:scriptTask id="Task_Total" scriptFormat="csharp">
                  <bpmn:script>total = amount * 2;</bpmn:script>
                </bpmn:scriptTask>
                <bpmn:sequenceFlow id="F2" sourceRef="Task_Total" targetRef="End" />
                <bpmn:endEvent id="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        var registry = new DeploymentRegistry();
        var engine = new FlowEngine(registry, new InMemoryInstanceStore());
        var deployer = new ContentDeployer(registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromMinutes(5) });   // a cold compile on a loaded CI machine
        var deployed = await deployer.DeployAsync("order", Diagram);
        Console.WriteLine($"deployed: order v{deployed.Version}");
        var started = await engine.StartAsync("order", """{"amount":21}""");
        Console.WriteLine($"status: {started.Status} total: {System.Text.Json.Nodes.JsonNode.Parse(started.DataJson)!["total"]}");
        try
        {
            await deployer.DeployAsync("order", Diagram.Replace("amount * 2", "amout * 2"));
        }
        catch (ContentCompilationException ex)
        {
            var error = ex.Diagnostics.First(d => d.IsError);
            Console.WriteLine($"refused: {ex.Id} {error.Id} at {error.Line}:{error.Column}");
        }

        Console.WriteLine($"live: order v{registry.Latest["order"].Version}");
        """";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are not worth failing the test over.
        }
    }
}
