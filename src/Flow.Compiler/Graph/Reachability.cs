using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Graph;

public static class Reachability
{
    /// <summary>
    /// Ids of the nodes a token can reach from where paths begin (start events, link catch
    /// events, and nodes with no incoming flow, which FLOW1006 or FLOW1050 already report, so that what
    /// follows them is not reported again); a reachable sub-process makes its own starts
    /// reachable, a reachable activity its boundary events. Event sub-processes and
    /// compensation handlers begin on their own.
    /// </summary>
    public static ISet<string> FromStarts(ProcessGraph graph)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<FlowNode>();

        void Visit(FlowNode node)
        {
            if (seen.Add(node.Id))
            {
                pending.Push(node);
            }
        }

        foreach (var node in graph.NodesIn(graph.Process.Id).Where(n => IsEntry(n) || IsImplicitStart(graph, n)))
        {
            Visit(node);
        }

        foreach (var node in graph.Process.Nodes.Where(n => n.IsEventSubProcess || n.IsForCompensation))
        {
            Visit(node);
        }

        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var flow in graph.Outgoing(node.Id))
            {
                Visit(graph.Node(flow.TargetRef)!);
            }

            if (node.Kind.IsContainer())
            {
                foreach (var child in graph.NodesIn(node.Id).Where(n => IsEntry(n) || IsImplicitStart(graph, n) || node.Kind == FlowNodeKind.AdHocSubProcess))
                {
                    Visit(child);
                }
            }

            if (node.Kind.IsActivity())
            {
                foreach (var boundary in graph.BoundaryEventsOf(node.Id))
                {
                    Visit(boundary);
                }
            }
        }

        return seen;
    }

    private static bool IsImplicitStart(ProcessGraph graph, FlowNode node) =>
        node.Kind != FlowNodeKind.BoundaryEvent && graph.Incoming(node.Id).Count == 0;

    private static bool IsEntry(FlowNode node) =>
        node.Kind == FlowNodeKind.StartEvent
        || (node.Kind == FlowNodeKind.IntermediateCatchEvent && node.HasDefinition(EventDefinitionKind.Link));

    /// <summary>Flows reachable from <paramref name="from"/> without passing through <paramref name="stops"/>.</summary>
    /// <remarks>Each node visited, and each flow it leaves by, spends one step of <paramref name="work"/>; once it is exhausted the walk stops short.</remarks>
    public static ISet<string> FlowsFrom(ProcessGraph graph, SequenceFlow from, ISet<string> stops, WorkBudget? work = null)
    {
        var flows = new HashSet<string>(System.StringComparer.Ordinal) { from.Id };
        var pending = new Stack<string>();
        pending.Push(from.TargetRef);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var nodeId = pending.Pop();
            if (stops.Contains(nodeId) || !seen.Add(nodeId))
            {
                continue;
            }

            if (work is not null && !work.Spend(1 + graph.Outgoing(nodeId).Count))
            {
                break;
            }

            foreach (var flow in graph.Outgoing(nodeId))
            {
                flows.Add(flow.Id);
                pending.Push(flow.TargetRef);
            }
        }

        return flows;
    }
}
