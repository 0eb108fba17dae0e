using System;
using System.Collections.Generic;
using System.Linq;

namespace Flow.Bpmn.Model;

/// <summary>What must hold for a model to be written: unique ids and references to elements it holds.</summary>
internal static class BpmnModelChecks
{
    public static void CheckReferences(BpmnDefinitions definitions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in definitions.AllIds())
        {
            if (!seen.Add(id))
            {
                throw new BpmnModelException(BpmnErrors.DuplicateId, $"The id '{id}' is used by more than one element of definitions '{definitions.Id}'.");
            }
        }

        foreach (var scope in definitions.Scopes())
        {
            var nodes = scope.FlowNodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
            foreach (var flow in scope.SequenceFlows)
            {
                foreach (var end in new[] { flow.SourceRef, flow.TargetRef })
                {
                    if (!nodes.ContainsKey(end))
                    {
                        throw new BpmnModelException(BpmnErrors.DanglingReference, $"Sequence flow '{flow.Id}' in '{scope.Id}' refers to '{end}', which is no flow node of '{scope.Id}'.");
                    }
                }
            }

            foreach (var association in scope.Associations)
            {
                foreach (var end in new[] { association.SourceRef, association.TargetRef })
                {
                    if (!nodes.ContainsKey(end))
                    {
                        throw new BpmnModelException(BpmnErrors.DanglingReference, $"Association '{association.Id}' in '{scope.Id}' refers to '{end}', which is no flow node of '{scope.Id}'.");
                    }
                }
            }

            foreach (var node in scope.FlowNodes)
            {
                CheckNode(definitions, scope, nodes, node);
            }
        }
    }

    private static void CheckNode(BpmnDefinitions definitions, IBpmnScope scope, Dictionary<string, BpmnFlowNode> nodes, BpmnFlowNode node)
    {
        if (node.Kind == BpmnNodeKind.BoundaryEvent && (node.AttachedToRef is null || !nodes.TryGetValue(node.AttachedToRef, out var host) || !host.Kind.IsActivity()))
        {
            throw new BpmnModelException(BpmnErrors.DanglingReference, $"Boundary event '{node.Id}' is attached to '{node.AttachedToRef}', which is no activity of '{scope.Id}'.");
        }

        if (node.DefaultFlow is { } defaultFlow && !scope.SequenceFlows.Any(f => f.Id == defaultFlow && f.SourceRef == node.Id))
        {
            throw new BpmnModelException(BpmnErrors.DanglingReference, $"The default flow '{defaultFlow}' of '{node.Id}' is not one of its outgoing flows.");
        }

        if (node.MessageRef is { } messageRef)
        {
            CheckRoot(definitions, node, messageRef, BpmnRootElementKind.Message);
        }

        foreach (var definition in node.EventDefinitions)
        {
            var kind = definition.Kind switch
            {
                BpmnEventDefinitionKind.Message => BpmnRootElementKind.Message,
                BpmnEventDefinitionKind.Signal => BpmnRootElementKind.Signal,
                BpmnEventDefinitionKind.Error => BpmnRootElementKind.Error,
                BpmnEventDefinitionKind.Escalation => BpmnRootElementKind.Escalation,
                _ => (BpmnRootElementKind?)null,
            };
            if (kind is { } k && definition.Reference is { } reference)
            {
                CheckRoot(definitions, node, reference, k);
            }
            else if (definition.Kind == BpmnEventDefinitionKind.Compensate && definition.Reference is { } activityRef
                && (definitions.FindNode(activityRef) is not { } activity || !activity.Kind.IsActivity()))
            {
                throw new BpmnModelException(BpmnErrors.DanglingReference, $"The compensation of '{node.Id}' refers to activity '{activityRef}', which the definitions do not hold.");
            }
        }
    }

    private static void CheckRoot(BpmnDefinitions definitions, BpmnFlowNode node, string reference, BpmnRootElementKind kind)
    {
        if (definitions.FindRootElement(reference) is not { } element || element.Kind != kind)
        {
            throw new BpmnModelException(BpmnErrors.DanglingReference, $"'{node.Id}' refers to {kind.ToString().ToLowerInvariant()} '{reference}', which the definitions do not hold.");
        }
    }
}
