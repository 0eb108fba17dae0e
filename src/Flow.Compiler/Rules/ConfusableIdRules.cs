using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Text;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Ids that look the same but are not ("Tаsk" with a Cyrillic а and "Task") are two elements to the
/// engine and one to a reader: a flow meant for one reaches the other (FLOW1317, a warning at the later
/// element). Two ids look alike when their <see cref="Skeleton"/>s are equal: NFKC (fullwidth and
/// compatibility forms become their plain letters), then the Cyrillic and Greek letters drawn like a
/// Latin one replaced by it. A small table of the common look-alikes, not Unicode's full confusables
/// list (no dependency for this); case is kept, because ids that differ in case look different.
/// </summary>
internal static class ConfusableIdRules
{
    /// <summary>Cyrillic and Greek letters that are drawn like a Latin letter in common fonts.</summary>
    private static readonly Dictionary<char, char> LatinLookAlikes = new()
    {
        // Cyrillic capitals and small letters
        ['\u0410'] = 'A', ['\u0412'] = 'B', ['\u0415'] = 'E', ['\u041A'] = 'K', ['\u041C'] = 'M', ['\u041D'] = 'H',
        ['\u041E'] = 'O', ['\u0420'] = 'P', ['\u0421'] = 'C', ['\u0422'] = 'T', ['\u0425'] = 'X', ['\u0423'] = 'Y',
        ['\u0405'] = 'S', ['\u0406'] = 'I', ['\u0408'] = 'J', ['\u04C0'] = 'I',
        ['\u0430'] = 'a', ['\u0435'] = 'e', ['\u043E'] = 'o', ['\u0440'] = 'p', ['\u0441'] = 'c', ['\u0443'] = 'y',
        ['\u0445'] = 'x', ['\u0455'] = 's', ['\u0456'] = 'i', ['\u0458'] = 'j', ['\u0501'] = 'd', ['\u04BB'] = 'h',
        ['\u04CF'] = 'l', ['\u051B'] = 'q', ['\u051D'] = 'w',
        // Greek capitals and small letters
        ['\u0391'] = 'A', ['\u0392'] = 'B', ['\u0395'] = 'E', ['\u0396'] = 'Z', ['\u0397'] = 'H', ['\u0399'] = 'I',
        ['\u039A'] = 'K', ['\u039C'] = 'M', ['\u039D'] = 'N', ['\u039F'] = 'O', ['\u03A1'] = 'P', ['\u03A4'] = 'T',
        ['\u03A5'] = 'Y', ['\u03A7'] = 'X',
        ['\u03BF'] = 'o', ['\u03BD'] = 'v', ['\u03B9'] = 'i', ['\u03F2'] = 'c', ['\u03F3'] = 'j',
    };

    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var ids = IdsOf(graph.Process);
        var firstBySkeleton = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var (id, span) in ids.OrderBy(i => i.Span.StartLine).ThenBy(i => i.Span.StartColumn))
        {
            var skeleton = Skeleton(id);
            if (!firstBySkeleton.TryGetValue(skeleton, out var first))
            {
                firstBySkeleton.Add(skeleton, id);
            }
            else if (!string.Equals(first, id, System.StringComparison.Ordinal))
            {
                yield return Report(DiagnosticCatalog.LookAlikeIds, span, UnsafeCharacters.Visible(id), UnsafeCharacters.Visible(first), Spelled(id), Spelled(first));
            }
        }
    }

    /// <summary>
    /// Look-alikes in different processes of one file, or among its root elements (messages, signals,
    /// errors, …) and the processes' ids. A file's ids are one space (xsd:ID): a process id is the key
    /// a <c>calledElement</c> names, a <c>messageRef</c> names a message, a collaboration's message
    /// flows name nodes of several processes. Reported as <see cref="Check"/> does, at the later id,
    /// and only where <see cref="Check"/> does not already report it (an earlier look-alike in its own process).
    /// </summary>
    public static IEnumerable<FlowDiagnostic> CheckAcross(BpmnDocument document)
    {
        const int RootElements = -1;
        var ids = new List<(string Id, SourceSpan Span, int Owner)>();
        for (var p = 0; p < document.Processes.Count; p++)
        {
            ids.AddRange(IdsOf(document.Processes[p]).Select(i => (i.Id, i.Span, p)));
        }

        ids.AddRange(document.GlobalElements.Where(g => g.Id.Length > 0).Select(g => (g.Id, g.Span, RootElements)));

        var firstBySkeleton = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var seenInProcess = new HashSet<(int Owner, string Skeleton)>();
        foreach (var (id, span, owner) in ids.OrderBy(i => i.Span.StartLine).ThenBy(i => i.Span.StartColumn))
        {
            var skeleton = Skeleton(id);
            var checkedInProcess = owner != RootElements && !seenInProcess.Add((owner, skeleton));
            if (!firstBySkeleton.TryGetValue(skeleton, out var first))
            {
                firstBySkeleton.Add(skeleton, id);
            }
            else if (!checkedInProcess && !string.Equals(first, id, System.StringComparison.Ordinal))
            {
                yield return Report(DiagnosticCatalog.LookAlikeIds, span, UnsafeCharacters.Visible(id), UnsafeCharacters.Visible(first), Spelled(id), Spelled(first));
            }
        }
    }

    /// <summary>The ids <see cref="Check"/> compares: the process, its flow nodes (sub-processes included), sequence flows and data.</summary>
    private static List<(string Id, SourceSpan Span)> IdsOf(ProcessModel process)
    {
        var ids = new List<(string Id, SourceSpan Span)> { (process.Id, process.Span) };
        ids.AddRange(process.Nodes.Select(n => (n.Id, n.Span)));
        ids.AddRange(process.Flows.Select(f => (f.Id, f.Span)));
        ids.AddRange(process.Data.Select(d => (d.Id, d.Span)));
        return ids;
    }

    /// <summary>What <paramref name="id"/> looks like: NFKC, then Latin letters for their look-alikes.</summary>
    internal static string Skeleton(string id)
    {
        var normalized = Nfkc(id);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            builder.Append(LatinLookAlikes.TryGetValue(c, out var latin) ? latin : c);
        }

        return builder.ToString();
    }

    private static string Nfkc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (System.ArgumentException)
        {
            return text;   // a lone surrogate: not normalizable, compared as written
        }
        catch (System.PlatformNotSupportedException)
        {
            return text;   // no normalization data (invariant globalization): look-alike letters are still mapped
        }
    }

    /// <summary>The id with every character outside ASCII written as \uXXXX, so the message shows the difference.</summary>
    internal static string Spelled(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                UnsafeCharacters.AppendEscaped(builder, c);
            }
        }

        return builder.ToString();
    }
}
