using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--generator-scale [counts]</c>: Stopwatch measurements of the generator at 200 and 1,000
/// diagrams of both shapes (with user tasks, and all service tasks), each a 50-node diagram
/// with a diagram-interchange section. For every run it reports the driver alone and the
/// driver plus parsing the generated trees (<c>GetRoot</c> on every tree of the run result, as
/// a compilation that uses them must; under Roslyn 4.14 the trees of cached outputs are parsed
/// again on every run, see benchmarks/README.md). Allocation is the driver's alone.
/// </summary>
internal static class GeneratorScale
{
    private const int ColdRuns = 3;
    private const int WarmRuns = 25;

    /// <summary>Warm runs that also parse (parsing every tree again costs as much as a cold parse).</summary>
    private const int ParsedWarmRuns = 3;

    /// <summary><c>--warm-only</c>: one cold run without parsing, warm runs without parsing (quick A/B).</summary>
    public static bool WarmOnly { get; set; }

    public static void Run(TextWriter output, IReadOnlyList<int> counts)
    {
        output.WriteLine($"{"diagrams",8} {"shape",-9} {"scenario",-16} {"driver ms",10} {"+parse ms",10} {"alloc KB",10}  notes");
        foreach (var count in counts)
        {
            foreach (var waitStates in new[] { true, false })
            {
                Measure(output, count, waitStates);
            }

            MeasureFloor(output, count);
        }
    }

    /// <summary>The same warm scenarios with <see cref="FloorGenerator"/>: Roslyn's share of a warm run.</summary>
    private static void MeasureFloor(TextWriter output, int count)
    {
        var texts = Enumerable.Range(0, count).Select(i => Text(i, false, true)).ToImmutableArray();
        var original = texts[count / 2];
        var changed = Text(count / 2, true, true);
        var (treeA, treeB) = Inputs.UnrelatedTrees();
        var compilation = Inputs.Compilation(treeA);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            ImmutableArray.Create(new FloorGenerator().AsSourceGenerator()),
            additionalTexts: texts,
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false)).RunGenerators(compilation);

        var edits = new List<(double, double, long)>();
        for (var i = 0; i < WarmRuns; i++)
        {
            var (from, to) = i % 2 == 0 ? (original, changed) : (changed, original);
            var current = driver;
            edits.Add(Time(() => current.ReplaceAdditionalText(from, to).RunGenerators(compilation), out driver, parse: false));
        }

        Row(output, count, "floor", "edit one bpmn", edits.Skip(5).ToList(), $"FloorGenerator (one-line source per file): Roslyn's share; median of {WarmRuns - 5}");

        var unrelated = new List<(double, double, long)>();
        var cs = compilation;
        for (var i = 0; i < WarmRuns; i++)
        {
            cs = cs.ReplaceSyntaxTree(i % 2 == 0 ? treeA : treeB, i % 2 == 0 ? treeB : treeA);
            var current = driver;
            var run = cs;
            unrelated.Add(Time(() => current.RunGenerators(run), out driver, parse: false));
        }

        Row(output, count, "floor", "edit unrelated cs", unrelated.Skip(5).ToList(), $"FloorGenerator; median of {WarmRuns - 5}");
    }

    private static void Measure(TextWriter output, int count, bool waitStates)
    {
        var shape = waitStates ? "waits" : "no-waits";
        var texts = Enumerable.Range(0, count).Select(i => Text(i, false, waitStates)).ToImmutableArray();
        var edited = count / 2;
        var original = texts[edited];
        var changed = Text(edited, true, waitStates);
        CleanCheck.AssertClean(new[] { original, changed, texts[0], texts[^1] }.Select(t => (t.Path, t.GetText()!.ToString())).ToArray());
        var (treeA, treeB) = Inputs.UnrelatedTrees();
        var compilation = Inputs.Compilation(treeA);
        var inputBytes = texts.Sum(t => (long)t.GetText()!.Length);

        // Cold: a fresh driver per run; the first one in this process includes JIT.
        var cold = new List<(double Driver, double Parse, long Alloc)>();
        GeneratorDriver driver = null!;
        for (var i = 0; i < (WarmOnly ? 2 : ColdRuns + 1); i++)
        {
            cold.Add(Time(() => Inputs.Driver(texts, track: false).RunGenerators(compilation), out driver, parse: !WarmOnly));
        }

        var result = Inputs.AssertCleanRun(driver, count).GetRunResult();
        var generatedBytes = result.Results[0].GeneratedSources.Sum(s => (long)s.SourceText.Length);
        Row(output, count, shape, "cold (1st)", new[] { cold[0] }, $"input {inputBytes / 1024} KB chars, generated {generatedBytes / 1024} KB chars ({generatedBytes / (count * SyntheticDiagrams.NodesPerDiagram)} per node)");
        Row(output, count, shape, "cold", cold.Skip(1).ToList(), $"median of {ColdRuns}");

        var edits = new List<(double, double, long)>();
        var isEdited = false;
        for (var i = 0; i < WarmRuns; i++)
        {
            var (from, to) = isEdited ? (changed, original) : (original, changed);
            isEdited = !isEdited;
            var current = driver;
            edits.Add(Time(() => current.ReplaceAdditionalText(from, to).RunGenerators(compilation), out driver, parse: !WarmOnly && i >= WarmRuns - ParsedWarmRuns));
        }

        Inputs.AssertCleanRun(driver, count);
        Row(output, count, shape, "edit one bpmn", edits.Skip(5).ToList(), $"driver: median of {WarmRuns - 5}; +parse: median of {ParsedWarmRuns}");

        var unrelated = new List<(double, double, long)>();
        var isB = false;
        var cs = compilation;
        for (var i = 0; i < WarmRuns; i++)
        {
            var (from, to) = isB ? (treeB, treeA) : (treeA, treeB);
            isB = !isB;
            cs = cs.ReplaceSyntaxTree(from, to);
            var current = driver;
            var run = cs;
            unrelated.Add(Time(() => current.RunGenerators(run), out driver, parse: !WarmOnly && i >= WarmRuns - ParsedWarmRuns));
        }

        Inputs.AssertCleanRun(driver, count);

        // Are the trees of cached outputs the same (already parsed) objects in the next run?
        var before = driver.GetRunResult().GeneratedTrees;
        foreach (var tree in before)
        {
            tree.GetRoot();
        }

        var after = driver.RunGenerators(cs.ReplaceSyntaxTree(isB ? treeB : treeA, isB ? treeA : treeB)).GetRunResult().GeneratedTrees;
        var reused = after.Count(t => before.Any(b => ReferenceEquals(b, t)));
        var rootsKept = after.Count(t => t.TryGetRoot(out _));
        output.WriteLine($"{count,8} {shape,-9} after an unrelated edit: {reused} of {after.Length} generated trees are the previous run's objects; {rootsKept} already have a parsed root");
        Row(output, count, shape, "edit unrelated cs", unrelated.Skip(5).ToList(), $"driver: median of {WarmRuns - 5}; +parse: median of {ParsedWarmRuns}");
    }

    private static AdditionalText Text(int index, bool edited, bool waitStates) =>
        new BenchmarkAdditionalText(SyntheticDiagrams.PathFor(index), SyntheticDiagrams.Build(index, edited, waitStates));

    /// <summary>Times a driver run, then the parse of its generated trees, separately.</summary>
    private static (double Driver, double Parse, long Alloc) Time(Func<GeneratorDriver> run, out GeneratorDriver driver, bool parse = true)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        driver = run();
        var driverMs = watch.Elapsed.TotalMilliseconds;
        var afterDriver = GC.GetAllocatedBytesForCurrentThread();
        if (!parse)
        {
            return (driverMs, double.NaN, afterDriver - allocated);
        }

        foreach (var tree in driver.GetRunResult().GeneratedTrees)
        {
            tree.GetRoot();
        }

        var totalMs = watch.Elapsed.TotalMilliseconds;
        return (driverMs, totalMs, afterDriver - allocated);
    }

    private static void Row(TextWriter output, int count, string shape, string scenario, IReadOnlyList<(double Driver, double Parse, long Alloc)> runs, string notes) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count,8} {shape,-9} {scenario,-16} {Median(runs.Select(r => r.Driver)),10:F2} {Median(runs.Select(r => r.Parse).Where(p => !double.IsNaN(p))),10:F2} {Median(runs.Select(r => (double)r.Alloc)) / 1024,10:F0}  {notes}"));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        return sorted[sorted.Count / 2];
    }
}
