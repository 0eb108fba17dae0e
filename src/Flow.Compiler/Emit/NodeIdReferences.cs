using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Planning;
using static Flow.Compiler.Emit.CSharpLiterals;

namespace Flow.Compiler.Emit;

/// <summary>
/// Generated code names a node by its <c>NodeIds</c> constant (<c>NodeIds.Task_CheckStock</c>),
/// so a reader can go to it and see every use; the value compiled in is the same string.
/// </summary>
internal sealed class NodeIdReferences
{
    private readonly ProcessClassPlan _plan;
    private readonly Dictionary<string, string> _identifiers;

    public NodeIdReferences(ProcessClassPlan plan)
    {
        _plan = plan;
        _identifiers = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var node in plan.Nodes.Where(n => !string.IsNullOrEmpty(n.Identifier)))
        {
            // The first node of an id wins, as the NodeIds class declares it.
            if (!_identifiers.ContainsKey(node.Id))
            {
                _identifiers.Add(node.Id, node.Identifier);
            }
        }
    }

    /// <summary>The node's constant.</summary>
    public string Of(int node) => "NodeIds." + _plan.Nodes[node].Identifier;

    /// <summary>The constant of the node with <paramref name="id"/>; <c>ProcessKey</c> for the process itself; else the literal.</summary>
    public string Of(string id) =>
        _identifiers.TryGetValue(id, out var identifier) ? "NodeIds." + identifier
        : id == _plan.ProcessKey ? "ProcessKey"
        : String(id);
}
