using System.Collections.Generic;
using System.Globalization;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Model;

namespace Flow.Compiler.Rules;

/// <summary>
/// Refuses a process beyond <see cref="CompilerLimits"/> before any analysis runs: too many
/// nodes or flows (at the process), too many flows into or out of one node (at the node).
/// One pass, counting.
/// </summary>
internal static class SizeLimits
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessModel process)
    {
        if (process.Nodes.Count > CompilerLimits.MaxNodesPerProcess)
        {
            yield return Report(DiagnosticCatalog.ProcessTooLarge, process, process.Nodes.Count, "flow nodes", CompilerLimits.MaxNodesPerProcess);
        }

        if (process.Flows.Count > CompilerLimits.MaxFlowsPerProcess)
        {
            yield return Report(DiagnosticCatalog.ProcessTooLarge, process, process.Flows.Count, "sequence flows", CompilerLimits.MaxFlowsPerProcess);
        }

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

    private static FlowDiagnostic Report(FlowDiagnosticDescriptor descriptor, ProcessModel process, int count, string what, int limit) =>
        FlowDiagnostic.Create(descriptor, process.Span, process.Id, Text(count), what, Text(limit));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
