using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flow.Generators.Tests.Infrastructure;

/// <summary>A raw CSharpGeneratorDriver with step tracking, for caching and robustness tests.</summary>
internal static class DriverHarness
{
    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Flows.Tests",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"/src/File{i}.cs")),
        Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(global::Flow.ProcessDescription).Assembly.Location)),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files) => CSharpGeneratorDriver.Create(
        new[] { new FlowGenerator().AsSourceGenerator() },
        additionalTexts: files,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The reasons of every output of a tracked step in the last run.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results[0].TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList()
            : Array.Empty<IncrementalStepRunReason>();
}
