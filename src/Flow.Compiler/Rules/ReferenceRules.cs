using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// References resolve: sequence flow ends exist in the flow's scope, boundary events are
/// attached to an activity, and a default flow leaves its own element.
/// </summary>
internal static class ReferenceRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var flow in graph.Process.Flows)
        {
            var source = graph.Node(flow.SourceRef);
            var target = graph.Node(flow.TargetRef);
            if (source is null)
            {
                yield return Report(DiagnosticCatalog.DanglingReference, flow.SourceRefSpan, "Sequence flow", flow.Id, "sourceRef", flow.SourceRef, "flow node");
            }

            if (target is null)
            {
                yield return Report(DiagnosticCatalog.DanglingReference, flow.TargetRefSpan, "Sequence flow", flow.Id, "targetRef", flow.TargetRef, "flow node");
            }

            if (source is not null && target is not null && (source.ScopeId != flow.ScopeId || target.ScopeId != flow.ScopeId))
            {
                yield return Report(DiagnosticCatalog.FlowCrossesScope, flow.Span, flow.Id, source.Id, target.Id);
            }
        }

        foreach (var node in graph.Process.Nodes)
        {
            if (node.Kind == FlowNodeKind.BoundaryEvent)
            {
                var host = node.AttachedToRef is null ? null : graph.Node(node.AttachedToRef);
                if (host is null)   // an existing element that is no activity: FLOW1100
                {
                    yield return Report(DiagnosticCatalog.DanglingReference, node.AttachedToRefSpan, "Boundary event", node.Id, "attachedToRef", node.AttachedToRef ?? "", "activity");
                }
            }

            if (node.DefaultFlowId is { } defaultFlow && graph.Outgoing(node.Id).All(f => f.Id != defaultFlow))
            {
                yield return Report(DiagnosticCatalog.BadDefaultFlow, node.DefaultFlowSpan, node.Id, defaultFlow);
            }
        }
    }
}
