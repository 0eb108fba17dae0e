using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--write-diagrams DIR COUNT</c>: writes the synthetic diagrams to disk for
/// benchmarks/build-time/measure.sh, so a real <c>dotnet build</c> compiles the same inputs
/// the driver benchmarks use. Every tenth diagram from index 0, 3 and 6 (30 %) is the shape
/// without wait states, as in the Camunda exports issue 18 was measured with. Beside them it
/// writes <c>Handlers.cs</c>: the methods the user writes for the plain tasks (service tasks are
/// bound by name and need none), so the project builds.
/// </summary>
internal static class DiagramFiles
{
    public static bool HasWaitStates(int index) => index % 10 is not (0 or 3 or 6);

    /// <summary>The plain tasks' handlers of diagrams 0 to <paramref name="count"/> − 1 (named after the tasks: <c>Step A01</c> → <c>StepA01</c>), in <paramref name="ns"/>.</summary>
    internal static string Handlers(int count, string ns = "Flows")
    {
        var names = new List<string>();
        for (var i = 1; i <= 15; i += 2)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"StepA{i:D2}"));
        }

        names.AddRange(new[] { "BranchXSecond", "BranchYSecond", "BranchZSecond" });
        for (var i = 2; i <= 16; i += 2)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"StepB{i:D2}"));
        }

        var text = new StringBuilder("// The plain tasks' handlers of the synthetic diagrams (Flow.Benchmarks --write-diagrams).\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Flow;\n\nnamespace " + ns + ";\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("\npublic partial class ").Append(SyntheticDiagrams.ClassNameFor(i)).Append("\n{\n");
            foreach (var name in names)
            {
                text.Append("    private partial ValueTask ").Append(name).Append("(TaskContext<Data> context, CancellationToken cancellationToken) => default;\n");
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    public static void Write(TextWriter output, string directory, int count)
    {
        Directory.CreateDirectory(directory);
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var text = SyntheticDiagrams.Build(i, edited: false, HasWaitStates(i));
            var path = Path.Combine(directory, Path.GetFileName(SyntheticDiagrams.PathFor(i)));
            File.WriteAllText(path, text, new UTF8Encoding(false));
            bytes += text.Length;
        }

        File.WriteAllText(Path.Combine(directory, "Handlers.cs"), Handlers(count), new UTF8Encoding(false));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} diagrams, {bytes / 1024} KB, in {directory}"));
    }
}
