using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Layout;

/// <summary>
/// Columns and rows of a scope's nodes. Column: the longest path from a node without incoming
/// flows, over the flows that do not close a cycle (found by depth-first search in document
/// order). Row: the row of the first placed predecessor plus the flow's position among that
/// predecessor's outgoing flows (a boundary event's flows count as its host's, after the host's
/// own), moved down until the cell and the cells the flow crosses are free.
/// </summary>
internal sealed class LayerGraph
{
    private readonly List<BpmnFlowNode> _nodes;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<(int From, int To)> _edges = new();
    private readonly List<List<int>> _outgoing = new();
    private readonly List<List<int>> _incoming = new();
    private readonly HashSet<int> _back = new();

    public LayerGraph(IBpmnScope scope, List<BpmnFlowNode> nodes)
    {
        _nodes = nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            _index[nodes[i].Id] = i;
            _outgoing.Add(new List<int>());
            _incoming.Add(new List<int>());
        }

        var hostOf = scope.FlowNodes
            .Where(n => n.Kind == BpmnNodeKind.BoundaryEvent && n.AttachedToRef is not null && _index.ContainsKey(n.AttachedToRef))
            .ToDictionary(n => n.Id, n => n.AttachedToRef!, StringComparer.Ordinal);

        // The host's own flows first, then those of its boundary events, the rightmost boundary
        // event's first: its flow then takes the highest row and no two boundary flows cross.
        var boundaryOrder = scope.FlowNodes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        foreach (var fromBoundary in new[] { false, true })
        {
            var flows = fromBoundary
                ? scope.SequenceFlows.Where(f => hostOf.ContainsKey(f.SourceRef)).OrderByDescending(f => boundaryOrder[f.SourceRef])
                : (IEnumerable<BpmnSequenceFlow>)scope.SequenceFlows;
            foreach (var flow in flows)
            {
                var isBoundary = hostOf.TryGetValue(flow.SourceRef, out var host);
                if (isBoundary != fromBoundary)
                {
                    continue;
                }

                var source = isBoundary ? host! : flow.SourceRef;
                if (_index.TryGetValue(source, out var from) && _index.TryGetValue(flow.TargetRef, out var to) && from != to)
                {
                    _outgoing[from].Add(_edges.Count);
                    _incoming[to].Add(_edges.Count);
                    _edges.Add((from, to));
                }
            }
        }
    }

    public (Dictionary<string, int> Layers, Dictionary<string, int> Rows) Assign()
    {
        FindBackEdges();
        var order = TopologicalOrder();
        var layer = new int[_nodes.Count];
        foreach (var node in order)
        {
            foreach (var edge in Forward(_outgoing[node]))
            {
                layer[_edges[edge].To] = Math.Max(layer[_edges[edge].To], layer[node] + 1);
            }
        }

        var row = new int[_nodes.Count];
        var placed = new bool[_nodes.Count];
        var occupied = new HashSet<(int Layer, int Row)>();
        var position = new int[_nodes.Count];
        for (var i = 0; i < order.Count; i++)
        {
            position[order[i]] = i;
        }

        foreach (var group in order.GroupBy(n => layer[n]).OrderBy(g => g.Key))
        {
            var wanted = group.Select(node => (Node: node, Preferred: Preferred(node, row, placed, layer), Position: position[node]))
                .OrderBy(w => w.Preferred.Row).ThenBy(w => w.Position).ToList();
            foreach (var (node, preferred, _) in wanted)
            {
                var r = preferred.Row;
                while (occupied.Contains((layer[node], r)) || Crosses(preferred.FromLayer, layer[node], r, occupied))
                {
                    r++;
                }

                row[node] = r;
                placed[node] = true;
                occupied.Add((layer[node], r));
            }
        }

        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Count; i++)
        {
            layers[_nodes[i].Id] = layer[i];
            rows[_nodes[i].Id] = row[i];
        }

        return (layers, rows);
    }

    /// <summary>The row below the first placed predecessor, offset by the flow's place among its outgoing flows.</summary>
    private (int Row, int FromLayer) Preferred(int node, int[] row, bool[] placed, int[] layer)
    {
        foreach (var edge in Forward(_incoming[node]))
        {
            var from = _edges[edge].From;
            if (placed[from])
            {
                var offset = Forward(_outgoing[from]).TakeWhile(e => e != edge).Select(e => _edges[e].To).Distinct().Count();
                return (row[from] + offset, layer[from]);
            }
        }

        return (0, -1);
    }

    private static bool Crosses(int fromLayer, int toLayer, int row, HashSet<(int, int)> occupied)
    {
        for (var l = fromLayer + 1; l < toLayer; l++)
        {
            if (occupied.Contains((l, row)))
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<int> Forward(List<int> edges) => edges.Where(e => !_back.Contains(e));

    /// <summary>Edges to a node still on the depth-first stack close a cycle; iterative, so deep graphs do not overflow.</summary>
    private void FindBackEdges()
    {
        var state = new int[_nodes.Count];   // 0 new, 1 on the stack, 2 done
        var roots = Enumerable.Range(0, _nodes.Count).Where(n => _incoming[n].Count == 0).Concat(Enumerable.Range(0, _nodes.Count));
        foreach (var root in roots)
        {
            if (state[root] != 0)
            {
                continue;
            }

            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < _outgoing[node].Count)
                {
                    stack.Push((node, next + 1));
                    var edge = _outgoing[node][next];
                    var to = _edges[edge].To;
                    if (state[to] == 1)
                    {
                        _back.Add(edge);
                    }
                    else if (state[to] == 0)
                    {
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }
    }

    /// <summary>Kahn's order over the forward edges, ties broken by document order.</summary>
    private List<int> TopologicalOrder()
    {
        var remaining = new int[_nodes.Count];
        var ready = new SortedSet<int>();
        for (var i = 0; i < _nodes.Count; i++)
        {
            remaining[i] = Forward(_incoming[i]).Count();
            if (remaining[i] == 0)
            {
                ready.Add(i);
            }
        }

        var order = new List<int>(_nodes.Count);
        while (ready.Count > 0)
        {
            var node = ready.Min;
            ready.Remove(node);
            order.Add(node);
            foreach (var edge in Forward(_outgoing[node]))
            {
                if (--remaining[_edges[edge].To] == 0)
                {
                    ready.Add(_edges[edge].To);
                }
            }
        }

        return order;
    }
}
