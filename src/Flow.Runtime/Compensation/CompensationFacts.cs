using System.Linq;

namespace Flow;

/// <summary>
/// What compensation needs to know of a process, per node: the handler of each activity with a
/// compensation boundary event, the compensation event sub-process of each sub-process, and which
/// activities are recorded when they complete (those two, and sub-processes holding either).
/// </summary>
internal sealed class CompensationFacts
{
    public CompensationFacts(ExecutableGraph graph)
    {
        var nodes = graph.Description.Nodes;
        Handler = Enumerable.Repeat(-1, nodes.Count).ToArray();
        EventSubProcess = Enumerable.Repeat(-1, nodes.Count).ToArray();
        Compensable = new bool[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.EventKind != EventKind.Compensate)
            {
                continue;
            }

            Any = true;
            if (node.Kind == NodeKind.BoundaryEvent && node.AttachedToId is { } host && node.EventName is { } handler
                && graph.NodeIndex.TryGetValue(host, out var hostIndex) && graph.NodeIndex.TryGetValue(handler, out var handlerIndex))
            {
                Handler[hostIndex] = handlerIndex;
                MarkCompensable(graph, hostIndex);
            }
            else if (node.Kind == NodeKind.StartEvent && graph.NodeIndex.TryGetValue(node.ScopeId, out var eventSubProcess)
                && graph.NodeIndex.TryGetValue(nodes[eventSubProcess].ScopeId, out var owner))
            {
                EventSubProcess[owner] = eventSubProcess;
                MarkCompensable(graph, owner);
            }
        }
    }

    /// <summary>Whether the process has any compensation event (else nothing is recorded).</summary>
    public bool Any { get; }

    /// <summary>Per activity: the node index of its compensation handler, or -1.</summary>
    public int[] Handler { get; }

    /// <summary>Per sub-process: the node index of its compensation event sub-process, or -1.</summary>
    public int[] EventSubProcess { get; }

    /// <summary>Per node: whether its completion is recorded for compensation.</summary>
    public bool[] Compensable { get; }

    /// <summary>The activity and every sub-process around it (up to the process) are compensable.</summary>
    private void MarkCompensable(ExecutableGraph graph, int node)
    {
        while (!Compensable[node])
        {
            Compensable[node] = true;
            if (!graph.NodeIndex.TryGetValue(graph.Node(node).ScopeId, out var container) || graph.Node(container).TriggeredByEvent)
            {
                return;
            }

            node = container;
        }
    }
}
