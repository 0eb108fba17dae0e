using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Flow.Generators;

namespace Flow.Benchmarks;

/// <summary>The compilation, additional texts and drivers the benchmarks (and the step report) share.</summary>
internal static class Inputs
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>Diagram <paramref name="index"/> in the shape <see cref="DiagramFiles.HasWaitStates"/> gives it (30 % without wait states).</summary>
    public static AdditionalText Text(int index, bool edited = false) =>
        new BenchmarkAdditionalText(SyntheticDiagrams.PathFor(index), SyntheticDiagrams.Build(index, edited, DiagramFiles.HasWaitStates(index)));

    public static ImmutableArray<AdditionalText> Texts(int count) =>
        Enumerable.Range(0, count).Select(i => Text(i)).ToImmutableArray();

    /// <summary>Two versions of a hand-written C# file that has nothing to do with the flows.</summary>
    public static (SyntaxTree A, SyntaxTree B) UnrelatedTrees() =>
        (Parse("namespace App { public static class Greeting { public static string Text => \"Hello\"; } }"),
         Parse("namespace App { public static class Greeting { public static string Text => \"Hello, world\"; } }"));

    /// <summary>
    /// The compilation the generator sees. It only reads the assembly name (the namespace of
    /// the generated classes), so one reference is enough; the generated code is not compiled.
    /// </summary>
    public static CSharpCompilation Compilation(params SyntaxTree[] trees) => CSharpCompilation.Create(
        CleanCheck.Namespace,
        trees,
        new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(ImmutableArray<AdditionalText> texts, bool track) => CSharpGeneratorDriver.Create(
        ImmutableArray.Create(new FlowGenerator().AsSourceGenerator()),
        additionalTexts: texts,
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>Throws unless the last run generated one source per file and reported nothing.</summary>
    public static GeneratorDriver AssertCleanRun(GeneratorDriver driver, int fileCount)
    {
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is { } exception)
        {
            throw new InvalidOperationException("The generator threw.", exception);
        }

        if (result.GeneratedSources.Length != fileCount || !result.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException(
                $"Expected {fileCount} sources and no diagnostics; got {result.GeneratedSources.Length} sources and: "
                + string.Join(Environment.NewLine, result.Diagnostics));
        }

        return driver;
    }

    /// <summary>
    /// Parses every generated tree of the driver's last run (<c>GetRoot</c>), as the compilation of
    /// a build does before it binds them. Returns the number of nodes' worth of text parsed, so
    /// the work cannot be dropped.
    /// </summary>
    public static int ParseGeneratedTrees(GeneratorDriver driver)
    {
        var width = 0;
        foreach (var tree in driver.GetRunResult().GeneratedTrees)
        {
            width += tree.GetRoot().FullSpan.Length;
        }

        return width;
    }

    private static SyntaxTree Parse(string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: "/src/Greeting.cs");
}
