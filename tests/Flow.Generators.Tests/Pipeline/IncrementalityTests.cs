using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// Proves the pipeline's caching with tracked steps: editing one .bpmn re-runs only that
/// file's steps; editing a .cs file re-runs nothing.
/// </summary>
public class IncrementalityTests
{
    private static readonly string[] PerFileSteps =
    {
        FlowGeneratorStepNames.Files, FlowGeneratorStepNames.Compile, FlowGeneratorStepNames.Sources,
        FlowGeneratorStepNames.Diagnostics, FlowGeneratorStepNames.Processes,
    };

    private static InMemoryAdditionalText File(int i, string taskName = "Work") =>
        new($"/flows/p{i}.bpmn", Process(StraightLine.Replace("name=\"Work\"", $"name=\"{taskName}\"", StringComparison.Ordinal), id: $"process{i}", name: $"Order {i}"));

    private static (GeneratorDriver Driver, Compilation Compilation, InMemoryAdditionalText[] Files) RunOnce()
    {
        var files = Enumerable.Range(0, 3).Select(i => File(i)).ToArray();
        var compilation = DriverHarness.Compilation(
            "namespace App { public class Handler { } }",
            Handlers(0) + Handlers(1) + Handlers(2));
        var driver = DriverHarness.Driver(files).RunGenerators(compilation);
        return (driver, compilation, files);
    }

    private static string Handlers(int i) =>
        $"namespace Flows.Tests {{ public partial class Order{i}Process {{ private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => default; }} }}\n";

    [Fact]
    public void The_first_run_generates_one_class_per_file_without_diagnostics()
    {
        var (driver, compilation, _) = RunOnce();
        var result = driver.GetRunResult();

        Assert.Equal(3, result.GeneratedTrees.Length);
        Assert.Empty(result.Diagnostics);
        var output = compilation.AddSyntaxTrees(result.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.All(PerFileSteps, step => Assert.All(DriverHarness.Reasons(driver, step), r => Assert.Equal(IncrementalStepRunReason.New, r)));
    }

    [Fact]
    public void Editing_a_cs_file_reruns_nothing()
    {
        var (driver, compilation, _) = RunOnce();
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace App { public class Handler { public int X; } }", path: "/src/File0.cs"));

        driver = driver.RunGenerators(edited);

        foreach (var step in PerFileSteps.Append(FlowGeneratorStepNames.CrossFile).Append(FlowGeneratorStepNames.ClaimedClasses))
        {
            var reasons = DriverHarness.Reasons(driver, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }
    }

    [Fact]
    public void Editing_one_bpmn_file_reruns_only_that_files_steps()
    {
        var (driver, compilation, files) = RunOnce();

        driver = driver.ReplaceAdditionalText(files[1], File(1, taskName: "Renamed")).RunGenerators(compilation);

        foreach (var step in PerFileSteps)
        {
            var reasons = DriverHarness.Reasons(driver, step);
            Assert.Equal(3, reasons.Count);
            Assert.Equal(2, reasons.Count(r => r == IncrementalStepRunReason.Cached));
        }

        // The edited file's source changed; its key and class did not, so nothing cross-file re-ran.
        Assert.Contains(IncrementalStepRunReason.Modified, DriverHarness.Reasons(driver, FlowGeneratorStepNames.Sources));
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, DriverHarness.Reasons(driver, FlowGeneratorStepNames.Processes));
        Assert.All(DriverHarness.Reasons(driver, FlowGeneratorStepNames.CrossFile), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Diagnostics_follow_an_edit_that_moves_their_element()
    {
        var sink = Process(StraightLine + "\n    <bpmn:task id=\"Sink\" />\n    <bpmn:sequenceFlow id=\"F3\" sourceRef=\"Work\" targetRef=\"Sink\" />");
        var file = new InMemoryAdditionalText("/flows/sink.bpmn", sink);
        var compilation = DriverHarness.Compilation("namespace App { }");
        var driver = DriverHarness.Driver(new[] { file }).RunGenerators(compilation);

        // A blank line above the process moves every position down.
        var moved = new InMemoryAdditionalText("/flows/sink.bpmn", sink.Replace("<bpmn:process", "\n<bpmn:process", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(file, moved).RunGenerators(compilation);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(DriverHarness.Reasons(driver, FlowGeneratorStepNames.Diagnostics)));
        var line = driver.GetRunResult().Diagnostics.Single(d => d.Id == "FLOW1007").Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(Find(moved.GetText().ToString(), "<bpmn:task id=\"Sink\"").Line - 1, line);
    }
}
