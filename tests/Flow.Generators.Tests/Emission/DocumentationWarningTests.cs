using Basic.Reference.Assemblies;
using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Emission;

/// <summary>
/// A project that builds its XML documentation (GenerateDocumentationFile) reports CS1591 for
/// every visible member without a comment, generated ones included: the compact emitter writes
/// the node ids without one comment each, so it must disable that warning around them.
/// </summary>
public class DocumentationWarningTests
{
    [Theory]
    [MemberData(nameof(EmittedShapes.Names), MemberType = typeof(EmittedShapes))]
    public void The_generated_class_has_no_documentation_warning(string snapshot)
    {
        var shape = EmittedShapes.Named(snapshot);
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "TestProject",
            new[] { CSharpSyntaxTree.ParseText(shape.Handlers, parse, path: "/src/Handlers.cs") },
            Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(global::Flow.ProcessDescription).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(
            new[] { new FlowGenerator().AsSourceGenerator() },
            additionalTexts: new[] { new InMemoryAdditionalText(FilePath, shape.Diagram) },
            parseOptions: parse);

        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generated);
        var warnings = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree)).ToList();
        Assert.Empty(warnings);
    }
}
