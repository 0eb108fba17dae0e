using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// One FLOW4xxx diagnostic per element we read but cannot run yet, naming it. Supported:
/// blank and timer start; timer intermediate catch; blank, terminate and error end; every task kind; embedded sub-processes;
/// exclusive, parallel and inclusive gateways.
/// </summary>
internal static class UnsupportedRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            var what = Describe.Node(node);
            if (node.Kind.IsEvent() && !IsSupportedEvent(node))
            {
                yield return Report(DiagnosticCatalog.UnsupportedEvent, node.Span, what, node.Id);
            }
            else if (node.IsEventSubProcess || node.IsForCompensation
                || node.Kind is FlowNodeKind.CallActivity or FlowNodeKind.Transaction or FlowNodeKind.AdHocSubProcess)
            {
                yield return Report(DiagnosticCatalog.UnsupportedActivity, node.Span, node.IsForCompensation ? "Compensation handler" : what, node.Id);
            }
            else if (node.Kind is FlowNodeKind.EventBasedGateway or FlowNodeKind.ComplexGateway)
            {
                yield return Report(DiagnosticCatalog.UnsupportedGateway, node.Span, what, node.Id);
            }

            if (node.Loop != LoopKind.None)
            {
                var loop = node.Loop switch
                {
                    LoopKind.Standard => "standard loop",
                    LoopKind.ParallelMultiInstance => "parallel multi-instance",
                    _ => "sequential multi-instance",
                };
                yield return Report(DiagnosticCatalog.UnsupportedLoop, node.LoopSpan, loop, node.Id);
            }
        }
    }

    private static bool IsSupportedEvent(FlowNode node) => node.Kind switch
    {
        // Timer start events of the process itself (a sub-process start with a trigger is FLOW1016).
        FlowNodeKind.StartEvent => node.IsBlankEvent || IsTimer(node),
        FlowNodeKind.IntermediateCatchEvent => IsTimer(node),
        FlowNodeKind.EndEvent => node.IsBlankEvent || (node.EventDefinitions.Count == 1
            && (node.HasDefinition(EventDefinitionKind.Terminate) || node.HasDefinition(EventDefinitionKind.Error))),
        _ => false,
    };

    private static bool IsTimer(FlowNode node) => node.EventDefinitions.Count == 1 && node.HasDefinition(EventDefinitionKind.Timer);
}
