using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;

namespace Flow.Compiler.Planning;

/// <summary>
/// Immediate post-dominators of the nodes of one scope: where the branches of a split meet
/// again. Paths that end (end events, or nodes with no way on) meet at a virtual exit (null).
/// </summary>
internal sealed class PostDominators
{
    private readonly Dictionary<string, HashSet<string>> _sets = new(System.StringComparer.Ordinal);
    private const string Exit = "\0exit";

    public PostDominators(ProcessGraph graph, string scopeId)
    {
        var nodes = graph.NodesIn(scopeId).Select(n => n.Id).ToList();
        var all = new HashSet<string>(nodes.Append(Exit), System.StringComparer.Ordinal);
        var successors = nodes.ToDictionary(
            n => n,
            n => graph.Outgoing(n).Select(f => f.TargetRef).DefaultIfEmpty(Exit).ToList(),
            System.StringComparer.Ordinal);

        _sets[Exit] = new HashSet<string>(System.StringComparer.Ordinal) { Exit };
        foreach (var node in nodes)
        {
            _sets[node] = new HashSet<string>(all, System.StringComparer.Ordinal);
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in nodes)
            {
                var next = new HashSet<string>(_sets[successors[node][0]], System.StringComparer.Ordinal);
                foreach (var successor in successors[node].Skip(1))
                {
                    next.IntersectWith(_sets[successor]);
                }

                next.Add(node);
                if (!next.SetEquals(_sets[node]))
                {
                    _sets[node] = next;
                    changed = true;
                }
            }
        }
    }

    /// <summary>The nearest node every path from <paramref name="node"/> passes; null for the exit.</summary>
    public string? Immediate(string node)
    {
        var strict = _sets[node].Where(n => n != node).ToList();
        var nearest = strict.First(candidate => strict.All(other => _sets[candidate].Contains(other)));
        return nearest == Exit ? null : nearest;
    }
}
