using System.Collections.Generic;
using System.Globalization;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Model;

namespace Flow.Compiler.Rules;

/// <summary>
/// Refuses a process whose nodes have more flows in or out than <see cref="CompilerLimits"/>
/// allow, at the node, before any analysis runs. One pass, counting. (Too many nodes or flows
/// in all are refused by the reader, which stops reading there.)
/// </summary>
internal static class SizeLimits
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessModel process)
    {
        var outgoing = new Dictionary<string, int>(System.StringComparer.Ordinal);
        var incoming = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var flow in process.Flows)
        {
            outgoing[flow.SourceRef] = outgoing.TryGetValue(flow.SourceRef, out var o) ? o + 1 : 1;
            incoming[flow.TargetRef] = incoming.TryGetValue(flow.TargetRef, out var i) ? i + 1 : 1;
        }

        var reported = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var node in process.Nodes)
        {
            foreach (var (counts, direction) in new[] { (outgoing, "outgoing"), (incoming, "incoming") })
            {
                if (counts.TryGetValue(node.Id, out var count) && count > CompilerLimits.MaxBranchesPerNode && reported.Add(node.Id))
                {
                    yield return FlowDiagnostic.Create(DiagnosticCatalog.TooManyBranches, node.Span, node.Id, Text(count), direction, Text(CompilerLimits.MaxBranchesPerNode));
                }
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
