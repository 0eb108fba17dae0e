using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// <c>waitForCompletion="false"</c> on a compensation throw (FLOW1322, a warning): the throw waits
/// for its handlers anyway, as Camunda 7 does (its parser warns "'waitForCompletion=false' is not
/// supported. Compensation event will wait for compensation to join.").
/// </summary>
internal static class CompensationWaitRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            if (node.Kind is FlowNodeKind.IntermediateThrowEvent or FlowNodeKind.EndEvent)
            {
                foreach (var definition in node.EventDefinitions)
                {
                    if (definition.Kind == EventDefinitionKind.Compensate && definition.DoesNotWaitForCompletion)
                    {
                        yield return Report(DiagnosticCatalog.CompensationWithoutWaiting, definition.Span, node.Id);
                    }
                }
            }
        }
    }
}
