using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Flow.Generators.Tests.Infrastructure;

/// <summary>
/// A Microsoft.CodeAnalysis.Testing run of the generator: BPMN additional files in, the exact
/// set of diagnostics (ours and the C# compiler's on the generated code) out. References come
/// from Basic.Reference.Assemblies so nothing is downloaded at test time.
/// </summary>
internal sealed class GeneratorTest : CSharpSourceGeneratorTest<FlowGenerator, DefaultVerifier>
{
    public GeneratorTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Net100.References.All);
        TestState.AdditionalReferences.Add(typeof(global::Flow.ProcessDescription).Assembly);
        TestState.Sources.Add("namespace Placeholder { internal static class Empty { } }");
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;

        // Diagnostic tests check FLOW diagnostics only: their tasks have no handler
        // implementations (CS8795, itself located in the .bpmn; see the execution tests).
        CompilerDiagnostics = CompilerDiagnostics.None;
    }

    /// <summary>Runs the generator over one file and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string bpmn, params DiagnosticResult[] expected) =>
        VerifyFilesAsync(new[] { (Fixtures.FilePath, bpmn) }, expected);

    public static Task VerifyFilesAsync(IEnumerable<(string Path, string Text)> files, params DiagnosticResult[] expected)
    {
        var test = new GeneratorTest();
        foreach (var file in files)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        test.TestState.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
