using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Reading;

/// <summary>
/// Names what a compensation event refers to in <see cref="FlowNode.EventName"/>: for a
/// compensation boundary event the handler activity it is associated with (an association in
/// either direction), for a compensation throw or end event its <c>activityRef</c> (null: the
/// whole scope).
/// </summary>
internal static class Compensations
{
    public static List<FlowNode> Resolve(List<FlowNode> nodes, List<Association> associations)
    {
        if (!nodes.Exists(n => n.HasDefinition(EventDefinitionKind.Compensate)))
        {
            return nodes;
        }

        var ids = new HashSet<string>(nodes.Select(n => n.Id), StringComparer.Ordinal);
        var resolved = new List<FlowNode>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node.EventDefinitions.Count != 1 || node.EventDefinitions[0].Kind != EventDefinitionKind.Compensate)
            {
                resolved.Add(node);
            }
            else if (node.Kind == FlowNodeKind.BoundaryEvent)
            {
                resolved.Add(node with { EventName = HandlerOf(node.Id, associations, ids) });
            }
            else
            {
                resolved.Add(node with { EventName = node.EventDefinitions[0].Reference });
            }
        }

        return resolved;
    }

    /// <summary>The other end of the first association of <paramref name="boundaryId"/> that ends at a flow node.</summary>
    public static string? HandlerOf(string boundaryId, IEnumerable<Association> associations, ICollection<string> nodeIds)
    {
        foreach (var association in associations)
        {
            var other = association.SourceRef == boundaryId ? association.TargetRef
                : association.TargetRef == boundaryId ? association.SourceRef
                : null;
            if (other is not null && nodeIds.Contains(other))
            {
                return other;
            }
        }

        return null;
    }
}
