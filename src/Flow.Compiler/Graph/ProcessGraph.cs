using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Graph;

/// <summary>
/// Lookups over one process model: nodes by id, the flows in and out of each node, and the
/// scopes (the process and each sub-process). Only flows whose ends exist in the flow's own
/// scope are wired; the rules report the others.
/// </summary>
public sealed class ProcessGraph
{
    private static readonly IReadOnlyList<SequenceFlow> NoFlows = Array.Empty<SequenceFlow>();
    private static readonly IReadOnlyList<FlowNode> NoNodes = Array.Empty<FlowNode>();
    private readonly Dictionary<string, FlowNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SequenceFlow>> _incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SequenceFlow>> _outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FlowNode>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FlowNode>> _boundaries = new(StringComparer.Ordinal);

    public ProcessGraph(ProcessModel process)
    {
        Process = process;
        foreach (var node in process.Nodes)
        {
            // Duplicates are reported by the reader; the first one wins here.
            if (!_nodes.ContainsKey(node.Id))
            {
                _nodes.Add(node.Id, node);
            }

            Add(_children, node.ScopeId, node);
            if (node.Kind == FlowNodeKind.BoundaryEvent && node.AttachedToRef is { } host)
            {
                Add(_boundaries, host, node);
            }
        }

        foreach (var flow in process.Flows)
        {
            if (IsWired(flow))
            {
                Add(_outgoing, flow.SourceRef, flow);
                Add(_incoming, flow.TargetRef, flow);
            }
        }

        Scopes = new[] { new Scope(process.Id, null) }
            .Concat(process.Nodes.Where(n => n.Kind.IsContainer()).Select(n => new Scope(n.Id, n)))
            .ToArray();
    }

    public ProcessModel Process { get; }

    /// <summary>The process itself (<see cref="Scope.Container"/> null) and every sub-process.</summary>
    public IReadOnlyList<Scope> Scopes { get; }

    public FlowNode? Node(string id) => _nodes.TryGetValue(id, out var node) ? node : null;

    /// <summary>The nodes directly in a scope, in document order (a lookup, not a scan: rules call it per scope).</summary>
    public IReadOnlyList<FlowNode> NodesIn(string scopeId) => _children.TryGetValue(scopeId, out var nodes) ? nodes : NoNodes;

    /// <summary>The boundary events attached to an activity.</summary>
    public IReadOnlyList<FlowNode> BoundaryEventsOf(string activityId) => _boundaries.TryGetValue(activityId, out var nodes) ? nodes : NoNodes;

    public IReadOnlyList<SequenceFlow> Incoming(string nodeId) => _incoming.TryGetValue(nodeId, out var flows) ? flows : NoFlows;

    public IReadOnlyList<SequenceFlow> Outgoing(string nodeId) => _outgoing.TryGetValue(nodeId, out var flows) ? flows : NoFlows;

    /// <summary>Both ends exist and lie in the flow's own scope.</summary>
    public bool IsWired(SequenceFlow flow) =>
        Node(flow.SourceRef) is { } source && source.ScopeId == flow.ScopeId
        && Node(flow.TargetRef) is { } target && target.ScopeId == flow.ScopeId;

    /// <summary>The node is a child of an ad-hoc sub-process (no flow rules apply there).</summary>
    public bool IsInAdHoc(FlowNode node) => Node(node.ScopeId)?.Kind == FlowNodeKind.AdHocSubProcess;

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T item)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map.Add(key, list = new List<T>());
        }

        list.Add(item);
    }
}

/// <summary>A process (<paramref name="Container"/> null) or a sub-process.</summary>
public sealed record Scope(string Id, FlowNode? Container)
{
    public bool IsAdHoc => Container?.Kind == FlowNodeKind.AdHocSubProcess;

    public bool IsEventSubProcess => Container?.IsEventSubProcess == true;
}
