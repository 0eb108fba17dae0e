using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Graph;

/// <summary>
/// BPMN 2.0 (10.5.2, 10.6.2): in a process or sub-process without start event, every node
/// without incoming sequence flow starts when the scope starts. Boundary events, event
/// sub-processes and compensation handlers begin on their own and never count; ad-hoc
/// sub-processes have no flow semantics. The runtime's ExecutableGraph starts the same nodes.
/// </summary>
public static class ImplicitStarts
{
    public static IEnumerable<FlowNode> In(ProcessGraph graph, string scopeId)
    {
        var nodes = graph.NodesIn(scopeId).ToList();
        if (graph.Node(scopeId)?.Kind == FlowNodeKind.AdHocSubProcess || nodes.Any(n => n.Kind == FlowNodeKind.StartEvent))
        {
            return Enumerable.Empty<FlowNode>();
        }

        return nodes.Where(n => n.Kind != FlowNodeKind.BoundaryEvent && !(n.Kind == FlowNodeKind.IntermediateCatchEvent && n.HasDefinition(EventDefinitionKind.Link)) && !n.IsEventSubProcess && !n.IsForCompensation && graph.Incoming(n.Id).Count == 0);
    }

    /// <summary>The ids of the implicit starts of every scope of the process.</summary>
    public static ISet<string> All(ProcessGraph graph) =>
        new HashSet<string>(graph.Scopes.SelectMany(s => In(graph, s.Id)).Select(n => n.Id), System.StringComparer.Ordinal);
}
