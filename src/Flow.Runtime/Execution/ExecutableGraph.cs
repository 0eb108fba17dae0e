using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Flow;

/// <summary>
/// A process description indexed for execution: flows in and out of each node, the start
/// events of each scope, and for inclusive joins the nodes from which they can be reached.
/// Built once per description.
/// </summary>
internal sealed class ExecutableGraph
{
    private static readonly ConditionalWeakTable<ProcessDescription, ExecutableGraph> Cache = new();

    private ExecutableGraph(ProcessDescription description)
    {
        Description = description;
        var nodes = description.Nodes;
        var flows = description.Flows;
        NodeIndex = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            NodeIndex[nodes[i].Id] = i;
        }

        FlowIndex = new Dictionary<string, int>(flows.Count, StringComparer.Ordinal);
        FlowTarget = new int[flows.Count];
        var outgoing = nodes.Select(_ => new List<int>()).ToArray();
        var incoming = nodes.Select(_ => new List<int>()).ToArray();
        DefaultFlow = Enumerable.Repeat(-1, nodes.Count).ToArray();
        for (var f = 0; f < flows.Count; f++)
        {
            FlowIndex[flows[f].Id] = f;
            var source = NodeIndex[flows[f].SourceId];
            var target = NodeIndex[flows[f].TargetId];
            FlowTarget[f] = target;
            outgoing[source].Add(f);
            incoming[target].Add(f);
            if (flows[f].IsDefault)
            {
                DefaultFlow[source] = f;
            }
        }

        Outgoing = outgoing.Select(l => l.ToArray()).ToArray();
        Incoming = incoming.Select(l => l.ToArray()).ToArray();
        StartsByScope = nodes
            .Select((n, i) => (n, i))
            .GroupBy(x => x.n.ScopeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => StartsOf(g.ToList()), StringComparer.Ordinal);
        var boundaries = nodes.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].AttachedToId is { } host && NodeIndex.TryGetValue(host, out var hostIndex))
            {
                boundaries[hostIndex].Add(i);
            }
        }

        Boundaries = boundaries.Select(l => l.ToArray()).ToArray();
        EventSubProcessStarts = nodes
            .Select((n, i) => (n, i))
            .Where(x => x.n.Kind == NodeKind.StartEvent && NodeIndex.TryGetValue(x.n.ScopeId, out var esp) && nodes[esp].TriggeredByEvent)
            .GroupBy(x => nodes[NodeIndex[x.n.ScopeId]].ScopeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
        ProcessStarts = StartsByScope.TryGetValue(description.Key, out var processStarts) ? processStarts : Array.Empty<int>();
        ProcessEventSubProcessStarts = EventSubProcessStarts.TryGetValue(description.Key, out var eventStarts) ? eventStarts : Array.Empty<int>();
        CanReach = new bool[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Kind == NodeKind.InclusiveGateway && Incoming[i].Length > 1)
            {
                CanReach[i] = Upstream(i);
            }
        }
    }

    public ProcessDescription Description { get; }

    private CompensationFacts? _compensation;

    /// <summary>Compensation handlers and what is recorded for compensation (made when first used).</summary>
    public CompensationFacts Compensation => _compensation ??= new CompensationFacts(this);

    public Dictionary<string, int> NodeIndex { get; }

    public Dictionary<string, int> FlowIndex { get; }

    public int[][] Outgoing { get; }

    public int[][] Incoming { get; }

    public int[] FlowTarget { get; }

    public int[] DefaultFlow { get; }

    public Dictionary<string, int[]> StartsByScope { get; }

    /// <summary>For each scope (process or sub-process id), the start events of the event sub-processes directly in it.</summary>
    public Dictionary<string, int[]> EventSubProcessStarts { get; }

    /// <summary>The start events of the process itself (<see cref="StartsByScope"/> of its key, looked up once: every start reads it).</summary>
    public int[] ProcessStarts { get; }

    /// <summary>The start events of the process's own event sub-processes (<see cref="EventSubProcessStarts"/> of its key).</summary>
    public int[] ProcessEventSubProcessStarts { get; }

    /// <summary>For each activity, the boundary events attached to it, in document order.</summary>
    public int[][] Boundaries { get; }

    /// <summary>For each inclusive join, the nodes (same scope) with a path to it; else null.</summary>
    public bool[]?[] CanReach { get; }

    public static ExecutableGraph For(ProcessDescription description) =>
        Cache.GetValue(description, static d => new ExecutableGraph(d));

    public NodeDescription Node(int index) => Description.Nodes[index];

    private IReadOnlyList<string>?[]? _waitingAtOnly;

    /// <summary>
    /// A read-only list holding only <paramref name="nodeId"/>, made once per node: an instance
    /// waiting at one node (the common case) reports it without allocating a list per command.
    /// </summary>
    public IReadOnlyList<string> WaitingAtOnly(string nodeId)
    {
        if (!NodeIndex.TryGetValue(nodeId, out var index))
        {
            return new[] { nodeId };
        }

        var lists = _waitingAtOnly ??= new IReadOnlyList<string>?[Description.Nodes.Count];
        return lists[index] ??= new System.Collections.ObjectModel.ReadOnlyCollection<string>(new[] { nodeId });
    }

    /// <summary>
    /// Where a scope's tokens begin: its blank start events; in a scope without any start event,
    /// every node without incoming flow (BPMN's implicit start; the compiler warns, FLOW1050).
    /// </summary>
    /// A process with only message or signal start events starts at its single one when started directly.
    private int[] StartsOf(List<(NodeDescription Node, int Index)> scope)
    {
        if (!scope.Any(x => x.Node.Kind == NodeKind.StartEvent))
        {
            // Compensation handlers have no incoming flow either, but only compensation starts them.
            var handlers = Description.Nodes.Where(n => n.Kind == NodeKind.BoundaryEvent && n.EventKind == EventKind.Compensate).Select(n => n.EventName).ToList();
            return scope.Where(x => x.Node.Kind != NodeKind.BoundaryEvent && !x.Node.TriggeredByEvent && !handlers.Contains(x.Node.Id) && !(x.Node.Kind == NodeKind.IntermediateCatchEvent && x.Node.EventKind == EventKind.Link) && Incoming[x.Index].Length == 0).Select(x => x.Index).ToArray();
        }

        var blank = scope.Where(x => x.Node.Kind == NodeKind.StartEvent && x.Node.EventKind == EventKind.None).Select(x => x.Index).ToArray();
        var typed = scope.Where(x => x.Node.Kind == NodeKind.StartEvent && x.Node.EventKind != EventKind.None).Select(x => x.Index).ToArray();
        return blank.Length > 0 || typed.Length != 1 ? blank : typed;
    }

    public bool IsJoin(int node) => Incoming[node].Length > 1;

    private bool[] Upstream(int join)
    {
        var seen = new bool[Description.Nodes.Count];
        var pending = new Stack<int>();
        foreach (var flow in Incoming[join])
        {
            pending.Push(NodeIndex[Description.Flows[flow].SourceId]);
        }

        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node == join || seen[node])
            {
                continue;
            }

            seen[node] = true;
            foreach (var flow in Incoming[node])
            {
                pending.Push(NodeIndex[Description.Flows[flow].SourceId]);
            }
        }

        return seen;
    }
}
