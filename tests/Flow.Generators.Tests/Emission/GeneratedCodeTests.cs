using System.Text;
using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Emission;

/// <summary>The generated class, compared with a committed snapshot, and the per-file options.</summary>
public class GeneratedCodeTests
{
    private const string GeneratorFolder = "Flow.Generators/Flow.Generators.FlowGenerator/";

    private static string Snapshot(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Flow.Generators.Tests", "Emission", "Snapshots", name)).ReplaceLineEndings("\n");

    private static string Text => Process(StraightLine);

    [Fact]
    public async Task The_description_class_matches_its_snapshot()
    {
        var test = new GeneratorTest();
        test.TestBehaviors &= ~Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipGeneratedSourcesCheck;
        test.TestState.AdditionalFiles.Add((FilePath, Text));
        var expected = Snapshot("StraightLine.g.cs.txt").Replace("{{SourceHash}}", Flow.Compiler.FlowCompiler.Sha256Hex(Text), StringComparison.Ordinal);
        test.TestState.GeneratedSources.Add((GeneratorFolder + "TestProject.OrderProcess.order.bpmn.g.cs", SourceText.From(expected, Encoding.UTF8)));
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
        var expected = Snapshot("StraightLine.g.cs.txt")
            .Replace("{{SourceHash}}", Flow.Compiler.FlowCompiler.Sha256Hex(Text), StringComparison.Ordinal)
            .Replace("namespace TestProject", "namespace Shop.Ordering", StringComparison.Ordinal)
            .Replace("partial class OrderProcess", "partial class Checkout", StringComparison.Ordinal);
        test.TestState.GeneratedSources.Add((GeneratorFolder + "Shop.Ordering.Checkout.order.bpmn.g.cs", SourceText.From(expected, Encoding.UTF8)));
        test.TestState.Sources.Add("namespace Shop.Ordering { public partial class Checkout { public static string Key => ProcessKey; } }");
        await test.RunAsync();
    }

    [Fact]
    public async Task The_root_namespace_is_used_without_item_metadata()
    {
        var test = new GeneratorTest();
        test.TestState.AdditionalFiles.Add((FilePath, Text));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.RootNamespace = Shop\n"));
        test.TestState.Sources.Add("namespace Shop { internal static class Use { public static int Count => OrderProcess.Description.Nodes.Count; } }");
        await test.RunAsync();
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        Flow.Compiler.FlowFile file = new("/order.bpmn", Text, "Shop");
        var first = Flow.Compiler.FlowCompiler.Compile(file);
        var second = Flow.Compiler.FlowCompiler.Compile(file with { Text = new string(Text.AsSpan()) });
        Assert.Equal(first, second);
    }
}
