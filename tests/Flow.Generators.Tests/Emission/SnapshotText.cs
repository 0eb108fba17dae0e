using System.Globalization;
using Flow.Compiler;

namespace Flow.Generators.Tests.Emission;

/// <summary>
/// What a snapshot file holds: the generated file <c>hintName</c> of a diagram, as the compiler writes it,
/// with the layout-free hash (which changes with every edit of the fixture) as <c>{{SourceHash}}</c>.
/// The file is found by its hint name, not taken as the only one: a diagram may give several classes,
/// and one the compiler refuses gives none, which is said with the diagnostics instead of failing
/// with "Sequence contains no elements".
/// </summary>
internal static class SnapshotText
{
    public static string Of(string diagram, string hintName, string path, string sourceHash)
    {
        var compilation = FlowCompiler.Compile(new FlowFile(path, diagram, "TestProject"));
        var source = compilation.Sources.FirstOrDefault(s => s.HintName == hintName)
            ?? throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The compiler generated no {hintName} for the snapshot's diagram. Generated: [{string.Join(", ", compilation.Sources.Select(s => s.HintName))}]; diagnostics: [{string.Join("; ", compilation.Diagnostics.Select(d => d.ToString()))}]"));
        return source.Text.Replace(sourceHash, "{{SourceHash}}", StringComparison.Ordinal);
    }
}
