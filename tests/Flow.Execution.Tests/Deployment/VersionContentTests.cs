using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basic.Reference.Assemblies;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flow.Execution.Tests.Deployment;

/// <summary>A version owns the bytes it was deployed with; the folder it came from may change or go.</summary>
public class VersionContentTests
{
    private static List<string> Marks(InstanceSnapshot snapshot) =>
        JsonDocument.Parse(snapshot.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task A_tampered_copy_of_the_live_version_is_refused_not_taken_as_unchanged()
    {
        using var fx = new DeploymentFixture();
        var live = fx.Write(1, DeploymentFixture.A);
        await fx.DeployAsync(live);
        var copy = fx.Write(1, DeploymentFixture.A, folder: "copy");
        var dll = Path.Combine(copy, TestDeployment.Name + ".dll");
        var bytes = File.ReadAllBytes(dll);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(dll, bytes);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(copy));

        Assert.Equal("FLOW6003", error.Id);
        Assert.DoesNotContain(fx.Events, e => e.Kind == DeploymentEventKind.Unchanged);
        Assert.Contains(fx.Events, e => e.Kind == DeploymentEventKind.Failed && e.Folder == copy);
    }

    [Fact]
    public async Task Rollback_runs_the_rolled_back_versions_own_bytes_after_its_folder_was_rebuilt()
    {
        using var fx = new DeploymentFixture();
        var v1 = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, folder: "flow-deployment")))[0];

        // What samples/Shop.Host does: rebuild into the same folder.
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, folder: "flow-deployment"));
        Assert.True(v1.IsUnloaded);

        var back = await fx.Engine.RollbackAsync(TestDeployment.Name, 1);
        var started = await fx.Engine.StartAsync("order");
        var done = await fx.Engine.CompleteAsync(started.Id, "Review");

        Assert.Equal(1, back.Version);
        Assert.Equal(1, started.DeploymentVersion);
        Assert.Equal(new[] { "A", "A" }, Marks(done));
    }

    [Fact]
    public async Task Rollback_needs_no_folder_at_all()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        await fx.DeployAsync(folder);
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B));
        Directory.Delete(folder, recursive: true);

        await fx.Engine.RollbackAsync(TestDeployment.Name, 1);
        var done = await fx.Engine.CompleteAsync((await fx.Engine.StartAsync("order")).Id, "Review");

        Assert.Equal(new[] { "A", "A" }, Marks(done));
    }

    [Fact]
    public async Task An_old_instance_loads_its_private_dependency_from_its_own_versions_bytes()
    {
        using var fx = new DeploymentFixture();
        var folder = WriteWithHelper(fx, 1, "A", "H1");
        await fx.DeployAsync(folder);
        var old = await fx.Engine.StartAsync("order");   // the helper is first used after the wait state

        // Rebuilt into the same folder: another helper, another flow, version 2.
        WriteWithHelper(fx, 2, "B", "H2");
        await fx.DeployAsync(folder);

        var done = await fx.Engine.CompleteAsync(old.Id, "Review");
        var fresh = await fx.Engine.CompleteAsync((await fx.Engine.StartAsync("order")).Id, "Review");

        Assert.Equal(new[] { "A", "H1" }, Marks(done));
        Assert.Equal(new[] { "B", "H2" }, Marks(fresh));
    }

    [Fact]
    public async Task Undeploy_then_deploying_the_same_content_makes_it_live_again()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        await fx.DeployAsync(folder);
        await fx.Engine.UndeployAsync(TestDeployment.Name);
        Assert.Empty(fx.Registry.Latest);

        var again = (await fx.DeployAsync(folder))[0];
        var done = await fx.Engine.CompleteAsync((await fx.Engine.StartAsync("order")).Id, "Review");

        Assert.Equal(1, again.Version);
        Assert.Same(again, fx.Registry.Latest["order"]);
        Assert.False(again.IsUnloaded);
        Assert.Equal(DeploymentEventKind.Activated, fx.Events.Last(e => e.Kind != DeploymentEventKind.Unloaded).Kind);
        Assert.Equal(new[] { "A", "A" }, Marks(done));

        // And deploying it once more while live is unchanged again.
        await fx.DeployAsync(folder);
        Assert.Equal(DeploymentEventKind.Unchanged, fx.Events[^1].Kind);
    }

    [Fact]
    public async Task A_symbolic_link_inside_a_deployment_folder_is_refused()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        var dll = Path.Combine(folder, TestDeployment.Name + ".dll");
        var elsewhere = Path.Combine(fx.Root, "elsewhere.dll");
        File.Move(dll, elsewhere);
        File.CreateSymbolicLink(dll, elsewhere);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6012", error.Id);
        Assert.Contains(TestDeployment.Name + ".dll", error.Message, StringComparison.Ordinal);
        Assert.Empty(fx.Registry.Versions);
    }

    [Fact]
    public async Task A_linked_sub_folder_is_refused_even_when_nothing_is_listed_in_it()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        Directory.CreateSymbolicLink(Path.Combine(folder, "lib"), fx.Root);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6012", error.Id);
    }

    [Fact]
    public async Task A_path_into_a_sibling_whose_name_extends_the_folders_name_is_outside()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A, folder: "flow-deployment");
        var sibling = fx.Write(1, DeploymentFixture.A, folder: "flow-deployment2");
        var manifestPath = Path.Combine(folder, DeploymentManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["files"]![0]!["path"] = "../flow-deployment2/" + TestDeployment.Name + ".dll";
        manifest["assembly"] = "../flow-deployment2/" + TestDeployment.Name + ".dll";
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6004", error.Id);
        Assert.True(File.Exists(Path.Combine(sibling, TestDeployment.Name + ".dll")));
        Assert.Throws<FlowDeploymentException>(() => DeploymentVerifier.FullPath(folder, "x", "../flow-deployment2/x.dll"));
        Assert.Throws<FlowDeploymentException>(() => DeploymentVerifier.FullPath(folder, "x", "."));
        Assert.Equal(Path.Combine(folder, "lib", "x.dll"), DeploymentVerifier.FullPath(folder, "x", "lib/x.dll"));
    }

    /// <summary>A deployment whose flow calls a private helper library (its own dll in the folder) only after the wait state.</summary>
    private static string WriteWithHelper(DeploymentFixture fx, int version, string marker, string helperTag)
    {
        var helper = CompileHelper(helperTag);
        var helperPath = Path.Combine(fx.Root, $"helper-{helperTag}.dll");
        File.WriteAllBytes(helperPath, helper);
        var flow = FlowAssembly.Emit(
            TestDeployment.Name,
            new[] { ("/flows/order.bpmn", TestDeployment.OrderBpmn()) },
            Array.Empty<string>(),
            new[] { helperPath },
            $$"""
            namespace Shop.Flows {
                public partial class OrderProcess {
                    private partial System.Threading.Tasks.ValueTask Mark(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) { (c.Data.marks ??= new()).Add("{{marker}}"); return default; }
                    private partial System.Threading.Tasks.ValueTask MarkAgain(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) { (c.Data.marks ??= new()).Add(HelperTag()); return default; }

                    // Not inlined: the helper assembly loads only when this runs, after the wait state.
                    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
                    private static string HelperTag() => Shop.Helper.Tag.Value();
                }
            }
            """);
        var folder = fx.Write(version, flow, folder: "flow-deployment");
        File.WriteAllBytes(Path.Combine(folder, "Shop.Helper.dll"), helper);
        var manifestPath = Path.Combine(folder, DeploymentManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["files"]!.AsArray().Add(new JsonObject
        {
            ["path"] = "Shop.Helper.dll",
            ["size"] = helper.Length,
            ["sha256"] = Convert.ToHexString(SHA256.HashData(helper)).ToLowerInvariant(),
        });
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return folder;
    }

    private static byte[] CompileHelper(string tag)
    {
        var compilation = CSharpCompilation.Create(
            "Shop.Helper",
            new[] { CSharpSyntaxTree.ParseText($$"""namespace Shop.Helper { public static class Tag { public static string Value() => "{{tag}}"; } }""") },
            Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }
}
