using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// The index of a node in <see cref="ProcessClassPlan.Nodes"/> by its id, built once per plan.
/// Writers that looked a node up by scanning the nodes did so once per wait state: quadratic, 11 s
/// of emitting for a process of 10,000 user tasks.
/// </summary>
internal static class NodeIndexes
{
    private static readonly ConditionalWeakTable<ProcessClassPlan, Dictionary<string, int>> ByPlan = new();

    /// <summary>The index of the first node with id <paramref name="nodeId"/>, or -1.</summary>
    public static int Of(ProcessClassPlan plan, string nodeId) =>
        ByPlan.GetValue(plan, Build).TryGetValue(nodeId, out var index) ? index : -1;

    private static Dictionary<string, int> Build(ProcessClassPlan plan)
    {
        var indexes = new Dictionary<string, int>(plan.Nodes.Count, System.StringComparer.Ordinal);
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            if (!indexes.ContainsKey(plan.Nodes[i].Id))
            {
                indexes.Add(plan.Nodes[i].Id, i);
            }
        }

        return indexes;
    }
}
