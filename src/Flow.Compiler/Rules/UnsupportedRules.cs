using System.Linq;
using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// One FLOW4xxx diagnostic per element we read but cannot run yet, naming it. Supported: the
/// events of <see cref="IsSupportedEvent"/>; every task kind; embedded sub-processes,
/// transactions and compensation handlers; exclusive, parallel, inclusive and event-based gateways.
/// </summary>
internal static class UnsupportedRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            var what = Describe.Node(node);
            if (node.Kind.IsEvent() && !IsSupportedEvent(node, graph))
            {
                yield return Report(DiagnosticCatalog.UnsupportedEvent, node.Span, what, node.Id);
            }
            else if (node.Kind is FlowNodeKind.AdHocSubProcess)
            {
                yield return Report(DiagnosticCatalog.UnsupportedActivity, node.Span, what, node.Id);
            }
            else if (node.Kind is FlowNodeKind.ComplexGateway)
            {
                yield return Report(DiagnosticCatalog.UnsupportedGateway, node.Span, what, node.Id);
            }

            if (node.Loop != LoopKind.None && !node.IsEventSubProcess && !Planning.LoopShapes.IsSupportedBody(node))   // an event sub-process's: FLOW1321
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

    private static bool IsSupportedEvent(FlowNode node, ProcessGraph graph)
    {
        if (node.IsBlankEvent)
        {
            return node.Kind is FlowNodeKind.StartEvent or FlowNodeKind.EndEvent or FlowNodeKind.IntermediateThrowEvent;
        }

        if (node.EventDefinitions.Count != 1)
        {
            return false;
        }

        var kind = node.EventDefinitions[0].Kind;
        if (kind is EventDefinitionKind.Compensate or EventDefinitionKind.Cancel)
        {
            return true;   // where they may stand is CompensationRules' (FLOW1300–FLOW1313)
        }

        if (kind == EventDefinitionKind.Conditional)
        {
            return IsSupportedConditional(node, graph);
        }

        return node.Kind switch
        {
            // A sub-process start with a trigger is an event sub-process's.
            FlowNodeKind.StartEvent => node.ScopeId == graph.Process.Id
                ? kind is EventDefinitionKind.Message or EventDefinitionKind.Signal or EventDefinitionKind.Timer
                : graph.Node(node.ScopeId)?.IsEventSubProcess == true
                    && kind is EventDefinitionKind.Message or EventDefinitionKind.Signal or EventDefinitionKind.Error or EventDefinitionKind.Escalation or EventDefinitionKind.Timer,
            FlowNodeKind.EndEvent => kind is EventDefinitionKind.Terminate or EventDefinitionKind.Error or EventDefinitionKind.Escalation
                or EventDefinitionKind.Message or EventDefinitionKind.Signal,
            FlowNodeKind.IntermediateThrowEvent => kind is EventDefinitionKind.Link or EventDefinitionKind.Escalation or EventDefinitionKind.Message or EventDefinitionKind.Signal,

            FlowNodeKind.IntermediateCatchEvent => kind is EventDefinitionKind.Link or EventDefinitionKind.Message or EventDefinitionKind.Signal or EventDefinitionKind.Timer,

            // A timer on an activity that waits; on a task that runs code it is a timeout (non-interrupting: FLOW1160).
            FlowNodeKind.BoundaryEvent => kind is EventDefinitionKind.Error or EventDefinitionKind.Escalation or EventDefinitionKind.Message or EventDefinitionKind.Signal
                || (kind == EventDefinitionKind.Timer && (WaitsForTime(node, graph) || TimeoutRules.RunsCode(node, graph))),
            _ => false,
        };
    }

    /// <summary>
    /// A conditional catch, a boundary on an activity that waits, an event sub-process start, a start
    /// event of the process (started by FlowEngine.EvaluateStartConditionsAsync); each with a C# condition.
    /// </summary>
    private static bool IsSupportedConditional(FlowNode node, ProcessGraph graph)
    {
        var condition = node.EventDefinitions[0].Condition;
        if (condition is null || condition.Text.Trim().Length == 0
            || !ExpressionLanguage.IsSupportedConditionLanguage(condition.Language) || ExpressionLanguage.IsFeel(condition.Text))
        {
            return false;
        }

        return node.Kind switch
        {
            FlowNodeKind.IntermediateCatchEvent => true,
            FlowNodeKind.BoundaryEvent => WaitsForTime(node, graph),
            FlowNodeKind.StartEvent => node.ScopeId == graph.Process.Id || graph.Node(node.ScopeId)?.IsEventSubProcess == true,
            _ => false,
        };
    }

    private static bool WaitsForTime(FlowNode boundary, ProcessGraph graph) =>
        boundary.AttachedToRef is { } host
        && graph.Node(host)?.Kind is FlowNodeKind.UserTask or FlowNodeKind.ReceiveTask or FlowNodeKind.ManualTask or FlowNodeKind.SubProcess or FlowNodeKind.Transaction or FlowNodeKind.CallActivity;
}
