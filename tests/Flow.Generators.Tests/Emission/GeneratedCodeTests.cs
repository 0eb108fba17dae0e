using System.Text;
using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Emission;

/// <summary>The generated class, compared with a committed snapshot, and the per-file options.</summary>
public class GeneratedCodeTests
{
    private const string GeneratorFolder = "Flow.Generators/Flow.Generators.FlowGenerator/";

    private static string SnapshotPath(string name) => Path.Combine(RepositoryPaths.Root, "tests", "Flow.Generators.Tests", "Emission", "Snapshots", name);

    /// <summary>The generated file each snapshot is compared with.</summary>
    private const string HintName = "TestProject.OrderProcess.order.bpmn.g.cs";

    /// <summary>
    /// The committed snapshot of <paramref name="text"/>'s class; with FLOW_UPDATE_SNAPSHOTS=1 it
    /// is rewritten from the compiler's current output first (review the diff before committing it).
    /// </summary>
    private static string Snapshot(string name, string text)
    {
        if (Environment.GetEnvironmentVariable("FLOW_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SnapshotPath(name), SnapshotText.Of(text, HintName, FilePath, LayoutFreeHash(text)));
        }

        return File.ReadAllText(SnapshotPath(name)).ReplaceLineEndings("\n");
    }

    private static string Text => EmittedShapes.StraightLine.Diagram;

    /// <summary>The file's hash without its layout, as generated code carries it.</summary>
    private static string LayoutFreeHash(string text) => Flow.Compiler.Reading.BpmnReader.Read(text).LayoutFreeHash!;

    /// <summary>Each shape of generated code, as the generator adds it, compiling without errors beside its handlers.</summary>
    [Theory]
    [MemberData(nameof(EmittedShapes.Names), MemberType = typeof(EmittedShapes))]
    public async Task The_generated_class_matches_its_snapshot(string snapshot)
    {
        var shape = EmittedShapes.Named(snapshot);
        var test = new GeneratorTest();
        test.TestBehaviors &= ~Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipGeneratedSourcesCheck;
        test.TestState.AdditionalFiles.Add((FilePath, shape.Diagram));
        var expected = Snapshot(snapshot, shape.Diagram).Replace("{{SourceHash}}", LayoutFreeHash(shape.Diagram), StringComparison.Ordinal);
        test.TestState.GeneratedSources.Add((GeneratorFolder + HintName, SourceText.From(expected, Encoding.UTF8)));
        // Not a warning either: the generated code must not need a file-wide #pragma.
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Warnings;
        test.TestState.Sources.Add(shape.Handlers);
        await test.RunAsync();
    }

    [Fact]
    public async Task Namespace_and_class_name_come_from_item_metadata()
    {
        var test = new GeneratorTest();
        test.TestBehaviors &= ~Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipGeneratedSourcesCheck;
        test.TestState.AdditionalFiles.Add((FilePath, Text));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.RootNamespace = Shop\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[order.bpmn]\nbuild_metadata.AdditionalFiles.FlowNamespace = Shop.Ordering\nbuild_metadata.AdditionalFiles.FlowClassName = Checkout\n"));
        // The metadata must reach the compiler exactly as if passed directly.
        var expected = Flow.Compiler.FlowCompiler.Compile(new Flow.Compiler.FlowFile(FilePath, Text, "Shop.Ordering", "Checkout")).Sources.Single().Text;
        Assert.Contains("namespace Shop.Ordering", expected, StringComparison.Ordinal);
        Assert.Contains("public partial class Checkout", expected, StringComparison.Ordinal);
        test.TestState.GeneratedSources.Add((GeneratorFolder + "Shop.Ordering.Checkout.order.bpmn.g.cs", SourceText.From(expected, Encoding.UTF8)));
        test.TestState.Sources.Add("namespace Shop.Ordering { public partial class Checkout { public static string Key => ProcessKey; } }");
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors;
        test.TestState.Sources.Add(WorkHandler("Shop.Ordering", "Checkout"));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_root_namespace_is_used_without_item_metadata()
    {
        var test = new GeneratorTest();
        test.TestState.AdditionalFiles.Add((FilePath, Text));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.RootNamespace = Shop\n"));
        test.TestState.Sources.Add("namespace Shop { internal static class Use { public static int Count => OrderProcess.Description.Nodes.Count; } }");
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors;
        test.TestState.Sources.Add(WorkHandler("Shop", "OrderProcess"));
        await test.RunAsync();
    }

    private static string WorkHandler(string ns, string type) =>
        $"namespace {ns} {{ public partial class {type} {{ private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> context, System.Threading.CancellationToken cancellationToken) => default; }} }}";

    [Fact]
    public void Generation_is_deterministic()
    {
        Flow.Compiler.FlowFile file = new("/order.bpmn", Text, "Shop");
        var first = Flow.Compiler.FlowCompiler.Compile(file);
        var second = Flow.Compiler.FlowCompiler.Compile(file with { Text = new string(Text.AsSpan()) });
        Assert.Equal(first, second);
    }
}
