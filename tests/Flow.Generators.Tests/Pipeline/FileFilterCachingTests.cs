using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// The files step filters BPMN files and reads them in one step (each step over the files
/// costs the driver a pass over all of them per run). Other additional files must still be
/// neither read nor compiled, and editing one must re-run no diagram's steps.
/// </summary>
public class FileFilterCachingTests
{
    private static readonly string[] DiagramSteps =
    {
        FlowGeneratorStepNames.Files, FlowGeneratorStepNames.Compile, FlowGeneratorStepNames.Sources,
        FlowGeneratorStepNames.Diagnostics, FlowGeneratorStepNames.Processes,
    };

    private static InMemoryAdditionalText Diagram(int i) =>
        new($"/flows/p{i}.bpmn", Process(StraightLine, id: $"process{i}", name: $"Order {i}"));

    /// <summary>Not BPMN, and not even XML: reading it as a diagram would report FLOW0001.</summary>
    private static readonly InMemoryAdditionalText Notes = new("/flows/notes.txt", "not a diagram <");

    private static GeneratorDriver RunOnce(out Compilation compilation, params AdditionalText[] files)
    {
        compilation = DriverHarness.Compilation("namespace App { public class Handler { } }");
        return DriverHarness.Driver(files).RunGenerators(compilation);
    }

    [Fact]
    public void Only_bpmn_files_reach_the_files_step()
    {
        var driver = RunOnce(out _, Diagram(0), Notes, Diagram(1), new InMemoryAdditionalText("/flows/p2.BPMN20.XML", Process(StraightLine, id: "process2", name: "Order 2")));

        var result = driver.GetRunResult();
        Assert.Equal(3, DriverHarness.Reasons(driver, FlowGeneratorStepNames.Files).Count);
        Assert.Equal(3, result.GeneratedTrees.Length);
        Assert.DoesNotContain(result.Diagnostics, d => d.Location.GetLineSpan().Path.EndsWith("notes.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_a_file_that_is_not_bpmn_reruns_no_diagram_step()
    {
        var driver = RunOnce(out var compilation, Diagram(0), Notes, Diagram(1));

        driver = driver.ReplaceAdditionalText(Notes, new InMemoryAdditionalText(Notes.Path, "still not a diagram <")).RunGenerators(compilation);

        foreach (var step in DiagramSteps.Append(FlowGeneratorStepNames.CrossFile).Append(FlowGeneratorStepNames.ClaimedClasses))
        {
            var reasons = DriverHarness.Reasons(driver, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }
    }

    [Fact]
    public void A_diagram_renamed_away_from_bpmn_is_dropped_and_a_new_one_compiled()
    {
        var kept = Diagram(0);
        var renamed = Diagram(1);
        var driver = RunOnce(out var compilation, kept, renamed);

        driver = driver.ReplaceAdditionalText(renamed, new InMemoryAdditionalText("/flows/p1.txt", renamed.GetText()!.ToString())).RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);

        driver = driver.AddAdditionalTexts([Diagram(2)]).RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        Assert.Empty(driver.GetRunResult().Diagnostics);
    }
}
