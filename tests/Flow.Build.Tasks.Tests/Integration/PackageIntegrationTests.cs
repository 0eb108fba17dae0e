using System.Text.Json;
using System.Text.RegularExpressions;
using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests.Integration;

/// <summary>
/// Packs Flow.Runtime and Flow.Generators into a local folder feed with a unique prerelease
/// version, then builds a fresh consumer with the real `dotnet build` (own NUGET_PACKAGES):
/// generated types compile, the manifest is written, an unchanged rebuild keeps it
/// byte-identical, one edited diagram bumps exactly its version, a broken one fails the build
/// at its line and column. Nothing the host provides (Flow.Runtime's closure, the
/// Microsoft.Extensions contracts, also when the flow references them itself) is in the folder,
/// and a host on the Flow.Runtime package with default options runs a process whose
/// constructor takes ILogger&lt;T&gt;, IOptions&lt;T&gt; and a host service. One test, because each step builds on the one before.
/// </summary>
public sealed class PackageIntegrationTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "flow-pack-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [Fact]
    public void A_fresh_project_with_only_the_package_builds_and_versions_its_deployment()
    {
        var repository = RepositoryPaths.Root;
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var consumer = Directory.CreateDirectory(Path.Combine(_root, "consumer")).FullName;
        var cli = new DotnetCli(Path.Combine(_root, "packages"));
        var version = "0.1.0-it.g" + Guid.NewGuid().ToString("N")[..12];   // a letter first: all-digit hex with a leading 0 is no SemVer

        // A configuration of its own, so packing does not overwrite the solution's Release output;
        // the machine's package cache, so the repository's obj/ folders stay valid.
        var packer = new DotnetCli(packagesDirectory: null);
        foreach (var project in new[] { "src/Flow.Runtime/Flow.Runtime.csproj", "src/Flow.Generators/Flow.Generators.csproj" })
        {
            packer.Succeed(repository, "pack", Path.Combine(repository, project), "-c", "PackTest", "-o", feed, "-p:Version=" + version, "--disable-build-servers");
        }

        File.WriteAllText(Path.Combine(consumer, ConsumerProject.Name + ".csproj"), ConsumerProject.Csproj(version));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), ConsumerProject.NugetConfig(feed));
        Directory.CreateDirectory(Path.Combine(consumer, "Diagrams"));
        var audit = Path.Combine(consumer, "Diagrams", "audit.bpmn");
        File.WriteAllText(Path.Combine(consumer, "order.bpmn"), ConsumerProject.Diagram("order", "Order", "Ship"));
        File.WriteAllText(audit, ConsumerProject.Diagram("audit", "Audit", "Record"));
        File.WriteAllText(Path.Combine(consumer, "Handlers.cs"), ConsumerProject.Handlers("AuditProcess"));
        File.WriteAllText(Path.Combine(consumer, "OrderProcess.cs"), ConsumerProject.InjectedOrder);

        var build = new[] { "build", "--disable-build-servers", "-nodeReuse:false" };
        cli.Succeed(consumer, build);
        var deployment = Path.Combine(consumer, "bin", "Debug", "net10.0", "flow-deployment");
        var manifestPath = Path.Combine(deployment, "flow-manifest.json");
        var first = File.ReadAllBytes(manifestPath);
        var manifest = Parse(first);
        Assert.Equal(1, manifest.GetProperty("version").GetInt32());
        Assert.Equal(ConsumerProject.Name + ".dll", manifest.GetProperty("assembly").GetString());
        Assert.Equal(new[] { ("audit", 1, "Consumer.Flows.AuditProcess"), ("order", 1, "Consumer.Flows.OrderProcess") }, Processes(manifest));
        Assert.True(File.Exists(Path.Combine(deployment, ConsumerProject.Name + ".dll")));
        Assert.False(File.Exists(Path.Combine(deployment, "Flow.Runtime.dll")), "the shared Flow.Runtime must not be copied into the deployment");
        Assert.Equal(Array.Empty<string>(), Directory.GetFiles(deployment, "Microsoft.Extensions.*").Select(Path.GetFileName).ToArray());
        Assert.Equal(
            new[] { ConsumerProject.Name + ".dll", ConsumerProject.Name + ".pdb" }.Order(StringComparer.Ordinal),
            manifest.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!));
        Assert.True(File.Exists(Path.Combine(consumer, "flow-lock.json")), "the lock file is on by default");

        // A host with default options runs the order, whose constructor takes ILogger<T>, IOptions<T> and a host service.
        var host = Directory.CreateDirectory(Path.Combine(_root, "host")).FullName;
        File.WriteAllText(Path.Combine(host, ConsumerProject.HostName + ".csproj"), ConsumerProject.HostCsproj(version));
        File.WriteAllText(Path.Combine(host, "nuget.config"), ConsumerProject.NugetConfig(feed));
        File.WriteAllText(Path.Combine(host, "Program.cs"), ConsumerProject.HostProgram);
        cli.Succeed(host, build);
        var ran = cli.Succeed(host, Path.Combine(host, "bin", "Debug", "net10.0", ConsumerProject.HostName + ".dll"), deployment);
        Assert.Contains("handler: settings-default True", ran, StringComparison.Ordinal);
        Assert.Contains("order status: Completed", ran, StringComparison.Ordinal);

        cli.Succeed(consumer, build);
        Assert.Equal(first, File.ReadAllBytes(manifestPath));

        File.WriteAllText(audit, ConsumerProject.Diagram("audit", "Audit", "Record twice"));
        cli.Succeed(consumer, build);
        var edited = Parse(File.ReadAllBytes(manifestPath));
        Assert.Equal(2, edited.GetProperty("version").GetInt32());
        Assert.Equal(new[] { ("audit", 2, "Consumer.Flows.AuditProcess"), ("order", 1, "Consumer.Flows.OrderProcess") }, Processes(edited));
        Assert.Equal(Sha256Hex(File.ReadAllBytes(audit)), SourceHash(edited, "audit"));

        // Moving a shape (diagram interchange only) regenerates no C#: the assembly and every
        // version stay; only the manifest's sourceHash, which the task hashes from the file, follows.
        var order = Path.Combine(consumer, "order.bpmn");
        File.WriteAllText(order, ConsumerProject.Diagram("order", "Order", "Ship").Replace("</bpmn:definitions>", ConsumerProject.Shape(x: 150) + "</bpmn:definitions>", StringComparison.Ordinal));
        cli.Succeed(consumer, build);
        var withShape = Parse(File.ReadAllBytes(manifestPath));
        File.WriteAllText(order, ConsumerProject.Diagram("order", "Order", "Ship").Replace("</bpmn:definitions>", ConsumerProject.Shape(x: 1250) + "</bpmn:definitions>", StringComparison.Ordinal));
        cli.Succeed(consumer, build);
        var moved = Parse(File.ReadAllBytes(manifestPath));
        Assert.Equal(withShape.GetProperty("version").GetInt32(), moved.GetProperty("version").GetInt32());
        Assert.Equal(withShape.GetProperty("contentHash").GetString(), moved.GetProperty("contentHash").GetString());
        Assert.Equal(Sha256Hex(File.ReadAllBytes(order)), SourceHash(moved, "order"));

        File.WriteAllText(audit, ConsumerProject.Diagram("audit", "Audit", "Record twice", target: "Missing"));
        var (exitCode, output) = cli.Run(consumer, build);
        Assert.True(exitCode != 0, "a broken diagram must fail the build:\n" + output);
        Assert.Matches(new Regex(@"audit\.bpmn\(\d+,\d+\): error FLOW\d{4}"), output);
    }

    private static JsonElement Parse(byte[] manifest) => JsonDocument.Parse(manifest).RootElement;

    private static string SourceHash(JsonElement manifest, string key) =>
        manifest.GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key).GetProperty("sourceHash").GetString()!;

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();

    private static (string, int, string)[] Processes(JsonElement manifest) => manifest.GetProperty("processes").EnumerateArray()
        .Select(p => (p.GetProperty("key").GetString()!, p.GetProperty("version").GetInt32(), p.GetProperty("type").GetString()!))
        .ToArray();

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
