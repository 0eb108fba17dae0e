using Flow.Benchmarks;
using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Flow.Generators.Tests.Emission;

/// <summary>
/// The benchmarks' synthetic Camunda-style diagrams (issue 18) must build as a real project builds
/// them: the generator reports nothing, and the generated code plus the plain tasks' handlers
/// (<c>--write-diagrams</c> writes the same <c>Handlers.cs</c>) compile with no error or warning.
/// Otherwise the build-time and driver figures would measure error paths (they once did: the
/// conditions used an undeclared <c>amount</c>, CS0103 in every diagram).
/// </summary>
public class SyntheticDiagramBuildTests
{
    [Fact]
    public void A_sample_of_both_shapes_compiles_without_errors_or_warnings()
    {
        // 0 and 3 have no wait states, 1, 2 and 4 have; the handlers are written for 0 to 4.
        const int Count = 5;
        var files = Enumerable.Range(0, Count)
            .Select(i => (Path: SyntheticDiagrams.PathFor(i), Text: SyntheticDiagrams.Build(i, edited: false, DiagramFiles.HasWaitStates(i))))
            .ToList();
        Assert.Contains(Enumerable.Range(0, Count), i => !DiagramFiles.HasWaitStates(i));
        Assert.Contains(Enumerable.Range(0, Count), DiagramFiles.HasWaitStates);

        // DriverHarness's assembly is "Flows.Tests": the generated classes live in that namespace.
        var run = GeneratedCompilation.Run(files, new[] { DiagramFiles.Handlers(Count, "Flows.Tests") });

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(Count, run.Generated.Count);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
    }
}
