using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Every node is connected: no node without incoming flow beside a start event, nothing
/// disconnected, nothing unreachable (bpmnlint: no-implicit-start, no-disconnected). Implicit
/// starts (no start event in the scope) and implicit ends (no outgoing flow) are valid BPMN and
/// run, so they are warnings (bpmnlint: no-implicit-start, no-implicit-end). Unlike bpmnlint,
/// connectivity comes from sourceRef/targetRef, not the optional incoming/outgoing.
/// </summary>
internal static class ConnectivityRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var reachable = Reachability.FromStarts(graph);
        var implicitStarts = ImplicitStarts.All(graph);
        foreach (var node in graph.Process.Nodes)
        {
            if (graph.IsInAdHoc(node) || node.IsForCompensation || node.IsEventSubProcess)
            {
                continue;
            }

            var needsIncoming = !EntersWithoutFlow(node);
            var needsOutgoing = !LeavesWithoutFlow(node);
            var hasIncoming = graph.Incoming(node.Id).Count > 0;
            var hasOutgoing = graph.Outgoing(node.Id).Count > 0;
            var kind = Describe.Node(node);

            var implicitStart = implicitStarts.Contains(node.Id);
            if (!hasIncoming && !hasOutgoing && needsIncoming && needsOutgoing && !implicitStart)
            {
                yield return Report(DiagnosticCatalog.Disconnected, node.Span, kind, node.Id);
                continue;
            }

            if (needsIncoming && !hasIncoming)
            {
                // Without a start event in its scope the node starts (valid BPMN); beside one it never runs.
                yield return implicitStart
                    ? Report(DiagnosticCatalog.ImplicitStartWithoutStartEvent, node.Span, kind, node.Id, node.ScopeId)
                    : Report(DiagnosticCatalog.ImplicitStart, node.Span, kind, node.Id);
            }
            else if (!reachable.Contains(node.Id))
            {
                yield return Report(DiagnosticCatalog.Unreachable, node.Span, kind, node.Id);
            }

            if (needsOutgoing && !hasOutgoing)
            {
                yield return Report(DiagnosticCatalog.ImplicitEnd, node.Span, kind, node.Id);
            }
        }
    }

    /// <summary>Nodes that begin a path: starts, boundary events, link catches.</summary>
    internal static bool EntersWithoutFlow(FlowNode node) =>
        node.Kind is FlowNodeKind.StartEvent or FlowNodeKind.BoundaryEvent
        || (node.Kind == FlowNodeKind.IntermediateCatchEvent && node.HasDefinition(EventDefinitionKind.Link));

    /// <summary>Nodes that end a path: end events, link throws, compensation boundary events.</summary>
    private static bool LeavesWithoutFlow(FlowNode node) =>
        node.Kind == FlowNodeKind.EndEvent
        || (node.Kind == FlowNodeKind.IntermediateThrowEvent && node.HasDefinition(EventDefinitionKind.Link))
        || (node.Kind == FlowNodeKind.BoundaryEvent && node.HasDefinition(EventDefinitionKind.Compensate));
}
