using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--write-diagrams DIR COUNT</c>: writes the synthetic diagrams to disk for
/// benchmarks/build-time/measure.sh, so a real <c>dotnet build</c> compiles the same inputs
/// the driver benchmarks use. Every tenth diagram from index 0, 3 and 6 (30 %) is the shape
/// without wait states, as in the Camunda exports issue 18 was measured with.
/// </summary>
internal static class DiagramFiles
{
    public static bool HasWaitStates(int index) => index % 10 is not (0 or 3 or 6);

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

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} diagrams, {bytes / 1024} KB, in {directory}"));
    }
}
