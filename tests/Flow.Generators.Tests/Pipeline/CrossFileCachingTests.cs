using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// The steps over every file (duplicate keys and classes) must not run again when no file's
/// processes changed: otherwise each edit costs O(number of diagrams).
/// </summary>
public class CrossFileCachingTests
{
    private const int FileCount = 20;

    private static readonly string[] CrossFileSteps = { FlowGeneratorStepNames.CrossFile, FlowGeneratorStepNames.ClaimedClasses };

    private static InMemoryAdditionalText File(int i, string taskName = "Work") =>
        new($"/flows/p{i}.bpmn", Process(StraightLine.Replace("name=\"Work\"", $"name=\"{taskName}\"", StringComparison.Ordinal), id: $"process{i}", name: $"Order {i}"));

    private static (GeneratorDriver Driver, Compilation Compilation, InMemoryAdditionalText[] Files) RunOnce()
    {
        var files = Enumerable.Range(0, FileCount).Select(i => File(i)).ToArray();
        var compilation = DriverHarness.Compilation("namespace App { public class Handler { } }");
        return (DriverHarness.Driver(files).RunGenerators(compilation), compilation, files);
    }

    [Fact]
    public void An_unrelated_cs_edit_runs_no_cross_file_step()
    {
        var (driver, compilation, _) = RunOnce();
        for (var i = 0; i < 3; i++)
        {
            compilation = compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.First(),
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText($"namespace App {{ public class Handler {{ public int X{i}; }} }}", path: "/src/File0.cs"));
            driver = driver.RunGenerators(compilation);

            foreach (var step in CrossFileSteps)
            {
                Assert.All(DriverHarness.Reasons(driver, step), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
            }
        }
    }

    [Fact]
    public void Editing_one_bpmn_without_changing_its_processes_runs_no_cross_file_step()
    {
        var (driver, compilation, files) = RunOnce();

        driver = driver.ReplaceAdditionalText(files[7], File(7, taskName: "Renamed")).RunGenerators(compilation);

        Assert.Contains(IncrementalStepRunReason.Modified, DriverHarness.Reasons(driver, FlowGeneratorStepNames.Sources));
        foreach (var step in CrossFileSteps)
        {
            var reasons = DriverHarness.Reasons(driver, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }
    }

    [Fact]
    public void Renaming_a_process_key_into_a_duplicate_still_reports_it()
    {
        var (driver, compilation, files) = RunOnce();
        var duplicate = new InMemoryAdditionalText("/flows/p7.bpmn", Process(StraightLine, id: "process3", name: "Order 7"));

        driver = driver.ReplaceAdditionalText(files[7], duplicate).RunGenerators(compilation);

        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "FLOW1012");
    }
}
