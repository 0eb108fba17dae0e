using System;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Flow.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flow.Benchmarks;

/// <summary>
/// The generator over <see cref="FileCount"/> synthetic diagrams of 50 nodes each: a cold run,
/// a warm run after editing one BPMN file, and a warm run after an unrelated C# edit. The warm
/// benchmarks keep the driver each run returns (drivers are immutable), and alternate between
/// two versions of the edited input so that every invocation is a real edit. With
/// <see cref="ParseTrees"/> every operation also parses every generated tree of its run, as a
/// build's compilation does (Roslyn 4.14 hands out new, unparsed trees for every output on every
/// run, cached or not).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int FileCount = 200;

    /// <summary>The diagram the warm BPMN benchmark edits (in the middle, not first or last).</summary>
    public const int EditedIndex = FileCount / 2;

    /// <summary>false: the driver alone; true: the driver, then <c>GetRoot</c> on every generated tree.</summary>
    [Params(false, true)]
    public bool ParseTrees { get; set; }

    private CSharpCompilation _compilation = null!;
    private ImmutableArray<AdditionalText> _texts;

    private GeneratorDriver _bpmnDriver = null!;
    private AdditionalText _original = null!;
    private AdditionalText _edited = null!;
    private bool _isEdited;

    private GeneratorDriver _csDriver = null!;
    private CSharpCompilation _csCompilation = null!;
    private SyntaxTree _treeA = null!;
    private SyntaxTree _treeB = null!;
    private bool _isTreeB;

    [GlobalSetup]
    public void Setup()
    {
        _texts = Inputs.Texts(FileCount);
        _original = _texts[EditedIndex];
        _edited = Inputs.Text(EditedIndex, edited: true);
        CleanCheck.AssertClean(_texts.Append(_edited).Select(t => (t.Path, t.GetText()!.ToString())).ToArray());

        (_treeA, _treeB) = Inputs.UnrelatedTrees();
        _compilation = Inputs.Compilation(_treeA);

        // Warm drivers: run once, and check the run is the clean one we mean to measure.
        _bpmnDriver = Inputs.AssertCleanRun(Inputs.Driver(_texts, track: false).RunGenerators(_compilation), FileCount);
        _csDriver = Inputs.AssertCleanRun(Inputs.Driver(_texts, track: false).RunGenerators(_compilation), FileCount);
        _csCompilation = _compilation;

        // One edit there and back, checked, so the alternating versions are both clean runs.
        Inputs.AssertCleanRun(_bpmnDriver.ReplaceAdditionalText(_original, _edited).RunGenerators(_compilation), FileCount);
    }

    /// <summary>A fresh driver over all files: every step runs for every file.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => Parsed(Inputs.Driver(_texts, track: false).RunGenerators(_compilation));

    /// <summary>One BPMN file edited (a task renamed) in a driver that has run before.</summary>
    [Benchmark]
    public GeneratorDriver WarmEditOneBpmn()
    {
        var (from, to) = _isEdited ? (_edited, _original) : (_original, _edited);
        _isEdited = !_isEdited;
        _bpmnDriver = _bpmnDriver.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
        return Parsed(_bpmnDriver);
    }

    /// <summary>An unrelated .cs file edited: the compilation changes, no BPMN input does.</summary>
    [Benchmark]
    public GeneratorDriver WarmEditUnrelatedCs()
    {
        var (from, to) = _isTreeB ? (_treeB, _treeA) : (_treeA, _treeB);
        _isTreeB = !_isTreeB;
        _csCompilation = _csCompilation.ReplaceSyntaxTree(from, to);
        _csDriver = _csDriver.RunGenerators(_csCompilation);
        return Parsed(_csDriver);
    }

    private GeneratorDriver Parsed(GeneratorDriver driver)
    {
        if (ParseTrees)
        {
            Inputs.ParseGeneratedTrees(driver);
        }

        return driver;
    }
}
