using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Flow.Execution.Tests.Infrastructure;

/// <summary>
/// Runs the generator over BPMN files plus handler code, compiles the result with Roslyn in
/// memory, and loads it into its own collectible load context (Flow.Runtime comes from the
/// default context, as in a host).
/// </summary>
internal sealed class FlowAssembly
{
    private FlowAssembly(Assembly assembly) => Assembly = assembly;

    public Assembly Assembly { get; }

    /// <summary>All diagnostics of generating and compiling, with locations mapped through #line.</summary>
    public static IReadOnlyList<Diagnostic> Diagnostics(IEnumerable<(string Path, string Text)> bpmn, params string[] csharp)
    {
        var (compilation, generatorDiagnostics) = Generate(bpmn, csharp);
        return generatorDiagnostics.Concat(compilation.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    /// <summary>Builds and loads; fails the test on any error or warning.</summary>
    public static FlowAssembly Build(IEnumerable<(string Path, string Text)> bpmn, IReadOnlyCollection<string> expectedWarnings, params string[] csharp)
    {
        using var stream = new MemoryStream(Emit("Flows.Under.Test", bpmn, expectedWarnings, csharp));
        var context = new AssemblyLoadContext("flow-test-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new FlowAssembly(context.LoadFromStream(stream));
    }

    /// <summary>Generates and compiles a flow assembly; fails the test on errors and unexpected warnings.</summary>
    public static byte[] Emit(string assemblyName, IEnumerable<(string Path, string Text)> bpmn, IReadOnlyCollection<string> expectedWarnings, params string[] csharp) =>
        Emit(assemblyName, bpmn, expectedWarnings, Array.Empty<string>(), csharp);

    /// <summary>As above, with extra references (e.g. a host assembly the flow shares types with).</summary>
    public static byte[] Emit(string assemblyName, IEnumerable<(string Path, string Text)> bpmn, IReadOnlyCollection<string> expectedWarnings, IReadOnlyList<string> references, params string[] csharp)
    {
        var (compilation, generatorDiagnostics) = Generate(assemblyName, bpmn, csharp);
        compilation = compilation.AddReferences(references.Select(r => MetadataReference.CreateFromFile(r)));
        var problems = generatorDiagnostics.Concat(compilation.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && !expectedWarnings.Contains(d.Id)))
            .ToList();
        Assert.True(problems.Count == 0, "Build problems:\n" + string.Join("\n", problems));

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }

    private static (Compilation Compilation, IReadOnlyList<Diagnostic> GeneratorDiagnostics) Generate(IEnumerable<(string Path, string Text)> bpmn, string[] csharp) =>
        Generate("Flows.Under.Test", bpmn, csharp);

    private static (Compilation Compilation, IReadOnlyList<Diagnostic> GeneratorDiagnostics) Generate(string assemblyName, IEnumerable<(string Path, string Text)> bpmn, string[] csharp)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            csharp.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"/src/Handlers{i}.cs")),
            Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(ProcessDescription).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        var driver = CSharpGeneratorDriver.Create(
            new[] { new Generators.FlowGenerator().AsSourceGenerator() },
            bpmn.Select(f => (AdditionalText)new BpmnText(f.Path, f.Text)),
            new CSharpParseOptions(LanguageVersion.Latest));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics);
    }

    /// <summary>Calls a public static method of a type in the assembly and awaits it if it is a task.</summary>
    public async Task<T> Call<T>(string type, string method, params object?[] arguments)
    {
        var target = Assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method);
        var result = target.Invoke(null, arguments);
        if (result is Task task)
        {
            await task;
            return (T)task.GetType().GetProperty("Result")!.GetValue(task)!;
        }

        return (T)result!;
    }

    private sealed class BpmnText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
