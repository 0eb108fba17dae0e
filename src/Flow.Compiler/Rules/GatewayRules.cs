using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Gateway semantics: conditions where a split evaluates them and nowhere else, a default or
/// exhaustive conditions on exclusive/inclusive splits, no mixed join-fork gateways
/// (bpmnlint: conditional-flows, no-gateway-join-fork, superfluous-gateway, event-based-gateway).
/// </summary>
internal static class GatewayRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes.Where(n => n.Kind.IsGateway()))
        {
            var incoming = graph.Incoming(node.Id);
            var outgoing = graph.Outgoing(node.Id);
            var kind = Describe.Kind(node.Kind).ToLowerInvariant();

            if (incoming.Count > 1 && outgoing.Count > 1)
            {
                yield return Report(DiagnosticCatalog.GatewayJoinsAndForks, node.Span, node.Id, incoming.Count, outgoing.Count);
            }
            else if (incoming.Count == 1 && outgoing.Count == 1 && node.Kind != FlowNodeKind.EventBasedGateway)
            {
                yield return Report(DiagnosticCatalog.SuperfluousGateway, node.Span, node.Id);
            }

            switch (node.Kind)
            {
                case FlowNodeKind.ParallelGateway:
                    foreach (var flow in outgoing.Where(f => f.Condition is not null))
                    {
                        yield return Report(DiagnosticCatalog.ConditionOnParallelFlow, flow.Span, flow.Id, node.Id);
                    }

                    break;

                case FlowNodeKind.ExclusiveGateway or FlowNodeKind.InclusiveGateway when outgoing.Count > 1 || outgoing.Any(f => f.Condition is not null):
                    foreach (var flow in outgoing.Where(f => f.Condition is null && f.Id != node.DefaultFlowId && outgoing.Count > 1))
                    {
                        yield return Report(DiagnosticCatalog.UnconditionalFlowFromSplit, flow.Span, flow.Id, kind, node.Id);
                    }

                    if (node.DefaultFlowId is null && outgoing.All(f => f.Condition is not null)
                        && !ConditionCoverage.IsExhaustive(outgoing.Select(f => f.Condition!.Text).ToList()))
                    {
                        yield return Report(DiagnosticCatalog.SplitMayMatchNothing, node.Span, kind, node.Id);
                    }

                    break;

                case FlowNodeKind.EventBasedGateway:
                    var wrongTarget = outgoing.Select(f => graph.Node(f.TargetRef)!)
                        .FirstOrDefault(t => t.Kind is not (FlowNodeKind.IntermediateCatchEvent or FlowNodeKind.ReceiveTask));
                    var problem = outgoing.Count < 2
                        ? $"has {outgoing.Count} outgoing flow(s); it needs at least two"
                        : outgoing.Any(f => f.Condition is not null) ? "has a conditional outgoing flow"
                        : wrongTarget is not null ? $"leads to '{wrongTarget.Id}', which is neither a catching event nor a receive task"
                        : null;
                    if (problem is not null)
                    {
                        yield return Report(DiagnosticCatalog.EventBasedGatewayShape, node.Span, node.Id, problem);
                    }

                    break;
            }

            foreach (var flow in outgoing.Where(f => f.Id == node.DefaultFlowId && f.Condition is not null))
            {
                yield return Report(DiagnosticCatalog.ConditionOnDefaultFlow, flow.Span, flow.Id, node.Id);
            }
        }
    }
}
