using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Flow.Generators;
using Microsoft.CodeAnalysis;

namespace Flow.Benchmarks;

/// <summary>
/// The benchmark scenarios run once with step tracking on, printing for each tracked step how
/// many outputs were New, Modified, Unchanged, Cached or Removed: shows what a warm run redoes.
/// </summary>
internal static class StepReport
{
    private static readonly string[] Steps =
    {
        FlowGeneratorStepNames.Files,
        FlowGeneratorStepNames.Compile,
        FlowGeneratorStepNames.Sources,
        FlowGeneratorStepNames.Diagnostics,
        FlowGeneratorStepNames.Processes,
        FlowGeneratorStepNames.ClaimedClasses,
        FlowGeneratorStepNames.CrossFile,
    };

    public static void Print(TextWriter output)
    {
        var texts = Inputs.Texts(GeneratorBenchmarks.FileCount);
        var original = texts[GeneratorBenchmarks.EditedIndex];
        var edited = Inputs.Text(GeneratorBenchmarks.EditedIndex, edited: true);
        var (treeA, treeB) = Inputs.UnrelatedTrees();
        var compilation = Inputs.Compilation(treeA);
        CleanCheck.AssertClean(texts.Append(edited).Select(t => (t.Path, t.GetText()!.ToString())).ToArray());

        var driver = Inputs.Driver(texts, track: true).RunGenerators(compilation);
        Report(output, "Cold", driver);

        driver = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation);
        Report(output, "WarmEditOneBpmn", driver);

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(treeA, treeB));
        Report(output, "WarmEditUnrelatedCs", driver);
    }

    private static void Report(TextWriter output, string scenario, GeneratorDriver driver)
    {
        var result = Inputs.AssertCleanRun(driver, GeneratorBenchmarks.FileCount).GetRunResult().Results.Single();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario} (generator time {driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:F2} ms)"));
        foreach (var step in Steps)
        {
            var reasons = result.TrackedSteps.TryGetValue(step, out var runs)
                ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList()
                : new List<IncrementalStepRunReason>();
            var counts = string.Join(", ", reasons.GroupBy(r => r).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            output.WriteLine($"  {step,-20} {(counts.Length == 0 ? "(not run)" : counts)}");
        }
    }
}
