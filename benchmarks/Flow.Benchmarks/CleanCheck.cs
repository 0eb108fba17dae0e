using System;
using System.IO;
using System.Linq;
using Flow.Compiler;
using Flow.Compiler.Diagnostics;

namespace Flow.Benchmarks;

/// <summary>
/// Guards the benchmarks against measuring an error path: the synthetic diagrams must compile
/// with no Error or Warning diagnostic. Throws otherwise.
/// </summary>
internal static class CleanCheck
{
    public const string Namespace = "Flows";

    /// <summary>Writes diagram 0 to disk, compiles it from there, then compiles every text given in memory.</summary>
    public static void AssertClean(params (string Path, string Text)[] files)
    {
        var directory = Path.Combine(Path.GetTempPath(), "flow-benchmarks");
        Directory.CreateDirectory(directory);
        var onDisk = Path.Combine(directory, Path.GetFileName(SyntheticDiagrams.PathFor(0)));
        File.WriteAllText(onDisk, SyntheticDiagrams.Build(0));
        AssertClean(onDisk, File.ReadAllText(onDisk));

        foreach (var (path, text) in files)
        {
            AssertClean(path, text);
        }
    }

    private static void AssertClean(string path, string text)
    {
        var result = FlowCompiler.Compile(new FlowFile(path, text, Namespace));
        var problems = result.Diagnostics.Where(d => d.Severity is FlowSeverity.Error or FlowSeverity.Warning).ToList();
        if (problems.Count > 0 || result.Sources.Count != 1)
        {
            throw new InvalidOperationException(
                $"Synthetic diagram '{path}' is not clean ({result.Sources.Count} sources):" + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Select(p => p.ToString())));
        }
    }
}
