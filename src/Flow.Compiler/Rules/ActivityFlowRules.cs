using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Activities and events split and join only through gateways (bpmnlint: no-implicit-split,
/// fake-join); conditional flows leave only gateways and activities (an activity's are an implicit inclusive split).
/// </summary>
internal static class ActivityFlowRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes.Where(n => !n.Kind.IsGateway()))
        {
            var incoming = graph.Incoming(node.Id);
            var outgoing = graph.Outgoing(node.Id);
            var kind = Describe.Node(node);

            var unconditional = outgoing.Count(f => f.Condition is null && f.Id != node.DefaultFlowId);
            if (unconditional > 1)
            {
                yield return Report(DiagnosticCatalog.ImplicitSplit, node.Span, kind, node.Id, unconditional);
            }

            if (incoming.Count > 1)
            {
                yield return Report(DiagnosticCatalog.ImplicitJoin, node.Span, kind, node.Id, incoming.Count);
            }

            // Out of an activity a condition is an implicit inclusive split (BPMN, as Camunda runs it); out of an event it has no meaning.
            foreach (var flow in outgoing.Where(f => f.Condition is not null && node.Kind.IsEvent()))
            {
                yield return Report(DiagnosticCatalog.ConditionalFlowFromNonGateway, flow.Span, flow.Id, node.Id);
            }

            foreach (var flow in outgoing.Where(f => f.Id == node.DefaultFlowId && f.Condition is not null && !node.Kind.IsEvent()))
            {
                yield return Report(DiagnosticCatalog.ConditionOnDefaultFlow, flow.Span, flow.Id, node.Id);
            }
        }
    }
}
