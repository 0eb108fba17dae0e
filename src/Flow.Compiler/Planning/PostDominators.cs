using System.Collections.Generic;
using Flow.Compiler.Graph;

namespace Flow.Compiler.Planning;

/// <summary>
/// Immediate post-dominators of the nodes of one scope: where the branches of a split meet
/// again. Paths that end (end events, or nodes with no way on) meet at a virtual exit (null).
/// Computed as dominators of the reversed graph rooted at the exit with the iterative
/// algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance Algorithm", 2001):
/// near-linear on the shapes diagrams have, no recursion, no per-node sets.
/// </summary>
internal sealed class PostDominators
{
    private const int Exit = 0;
    private const int Undefined = -1;

    private readonly Dictionary<string, int> _index = new(System.StringComparer.Ordinal);
    private readonly List<string> _ids = new() { "\0exit" };
    private readonly int[] _immediate;

    public PostDominators(ProcessGraph graph, string scopeId)
    {
        foreach (var node in graph.NodesIn(scopeId))
        {
            if (!_index.ContainsKey(node.Id))
            {
                _index.Add(node.Id, _ids.Count);
                _ids.Add(node.Id);
            }
        }

        // Forward successors (the exit for nodes with no way on); in the reversed graph these are the predecessors.
        var count = _ids.Count;
        var successors = new List<int>[count];
        var predecessors = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            successors[i] = new List<int>();
            predecessors[i] = new List<int>();
        }

        for (var i = 1; i < count; i++)
        {
            foreach (var flow in graph.Outgoing(_ids[i]))
            {
                if (_index.TryGetValue(flow.TargetRef, out var target))
                {
                    successors[i].Add(target);
                    predecessors[target].Add(i);
                }
            }

            if (successors[i].Count == 0)
            {
                successors[i].Add(Exit);
                predecessors[Exit].Add(i);
            }
        }

        // Post-order of the reversed graph from the exit, iteratively.
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = Undefined;
        }

        var postOrder = new List<int>(count);
        var stack = new Stack<(int Node, int Next)>();
        var visited = new bool[count];
        visited[Exit] = true;
        stack.Push((Exit, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < predecessors[node].Count)
            {
                stack.Push((node, next + 1));
                var child = predecessors[node][next];
                if (!visited[child])
                {
                    visited[child] = true;
                    stack.Push((child, 0));
                }

                continue;
            }

            order[node] = postOrder.Count;
            postOrder.Add(node);
        }

        _immediate = new int[count];
        for (var i = 0; i < count; i++)
        {
            _immediate[i] = Undefined;
        }

        _immediate[Exit] = Exit;
        for (var changed = true; changed;)
        {
            changed = false;

            // Reverse post-order, skipping the exit (the last in post-order).
            for (var k = postOrder.Count - 2; k >= 0; k--)
            {
                var node = postOrder[k];
                var candidate = Undefined;
                foreach (var successor in successors[node])
                {
                    if (_immediate[successor] == Undefined)
                    {
                        continue;
                    }

                    candidate = candidate == Undefined ? successor : Intersect(successor, candidate, order);
                }

                if (candidate != Undefined && _immediate[node] != candidate)
                {
                    _immediate[node] = candidate;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// The nearest node every path from <paramref name="node"/> passes; null for the exit, and
    /// for a node from which no path ends (a loop without way out): nothing meets there.
    /// </summary>
    public string? Immediate(string node)
    {
        var dominator = _index.TryGetValue(node, out var index) ? _immediate[index] : Undefined;
        return dominator is Undefined or Exit ? null : _ids[dominator];
    }

    private int Intersect(int a, int b, int[] order)
    {
        while (a != b)
        {
            while (order[a] < order[b])
            {
                a = _immediate[a];
            }

            while (order[b] < order[a])
            {
                b = _immediate[b];
            }
        }

        return a;
    }
}
