using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Flow.Compiler;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--generated-size</c>: where the generated characters go, per flow node, for the 50-node
/// synthetic diagram of both shapes. Each line of the generated file is given to the part of
/// the class it belongs to (found by the member it declares; doc comments and attributes go
/// with the member below them), and counted as #line directive, comment or code; indentation
/// is counted apart. Exact, no timing.
/// </summary>
internal static class GeneratedSize
{
    private static readonly (string Marker, string Part)[] Markers =
    {
        ("namespace ", "header"),
        ("class NodeIds", "node ids"),
        ("ProcessDescription Description", "description table"),
        ("ProcessDescription Definition", "description table"),
        ("partial class Data", "data class"),
        ("DataJson<Data> DataJson", "data JSON"),
        ("GeneratedDataJson", "data JSON"),
        ("public sealed record ", "instance"),
        ("class Instance", "instance"),
        ("Instance CreateInstance", "instance"),
        ("// The handlers", "handler declarations"),
        ("private partial ", "handler declarations"),
        ("InvokeHandlerAsync(", "dispatch"),
        ("EvaluateCondition(int", "dispatch"),
        ("HasStraightPath", "straight-line run"),
        ("RunStraightAsync(", "straight-line run"),
        ("ReplayStraightTrace(", "trace replay"),
    };

    public static void Run(TextWriter output, string? directory = null)
    {
        foreach (var waitStates in new[] { true, false })
        {
            var text = SyntheticDiagrams.Build(7, false, waitStates);
            var source = FlowCompiler.Compile(new FlowFile(SyntheticDiagrams.PathFor(7), text, "Bench")).Sources.Single().Text;
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(Path.Combine(directory, waitStates ? "waits.g.cs" : "no-waits.g.cs"), source);
            }

            const double nodes = SyntheticDiagrams.NodesPerDiagram;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(waitStates ? "waits" : "no-waits")}: {source.Length} characters, {source.Length / nodes:F0} per flow node ({nodes} nodes)"));
            output.WriteLine($"{"part",-22} {"/node",6} {"#line",6} {"comment",8} {"indent",7}");
            var parts = Split(source);
            foreach (var (part, size) in parts.OrderByDescending(p => p.Value.Total))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{part,-22} {size.Total / nodes,6:F0} {size.Directives / nodes,6:F0} {size.Comments / nodes,8:F0} {size.Indent / nodes,7:F0}"));
            }

            output.WriteLine();
        }
    }

    private static Dictionary<string, (int Total, int Directives, int Comments, int Indent)> Split(string text)
    {
        var lines = text.Split('\n');
        var partOf = new string[lines.Length];
        var current = "header";
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            var depth = lines[i].Length - trimmed.Length;
            foreach (var (marker, part) in Markers)
            {
                // Members of the process class only (not the same words deeper inside).
                if (trimmed.Contains(marker, StringComparison.Ordinal) && !trimmed.StartsWith("///", StringComparison.Ordinal) && depth <= 2)
                {
                    current = part;
                    for (var j = i - 1; j >= 0 && IsPreamble(lines[j].TrimStart()); j--)
                    {
                        partOf[j] = part;
                    }

                    break;
                }
            }

            partOf[i] = current;
        }

        var result = new Dictionary<string, (int, int, int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            var length = line.Length + (i < lines.Length - 1 ? 1 : 0);
            result.TryGetValue(partOf[i], out var size);
            size.Item1 += length;
            size.Item4 += line.Length - trimmed.Length;
            if (trimmed.StartsWith("#line", StringComparison.Ordinal))
            {
                size.Item2 += length;
            }
            else if (trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                size.Item3 += length;
            }
            else if (trimmed.IndexOf(" // ", StringComparison.Ordinal) is > 0 and var at)
            {
                size.Item3 += trimmed.Length - at;
            }

            result[partOf[i]] = size;
        }

        return result;
    }

    private static bool IsPreamble(string line) =>
        line.StartsWith("///", StringComparison.Ordinal) || line.StartsWith('[') || line.StartsWith("#line", StringComparison.Ordinal) || line.StartsWith("#pragma", StringComparison.Ordinal);
}
