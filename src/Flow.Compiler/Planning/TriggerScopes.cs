using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>
/// Where the scope inputs a node's code sees begin. An event sub-process's start event is
/// evaluated in the scope around the event sub-process (its timer, condition or message waits
/// there, and the event sub-process's own inputs are evaluated only once it has triggered), so
/// its walk begins outside the event sub-process; every other node's at its own scope.
/// </summary>
internal static class TriggerScopes
{
    public static string? ScopeAround(ProcessModel process, FlowNode node) =>
        node.Kind == FlowNodeKind.StartEvent && Find(process.Nodes, node.ScopeId) is { IsEventSubProcess: true } eventSubProcess
            ? eventSubProcess.ScopeId
            : node.ScopeId;

    public static string? ScopeAround(ProcessClassPlan plan, int nodeIndex)
    {
        var node = plan.Nodes[nodeIndex];
        if (node.Kind != FlowNodeKind.StartEvent)
        {
            return node.ScopeId;
        }

        foreach (var scope in plan.Nodes)
        {
            if (scope.Id == node.ScopeId)
            {
                return scope.IsEventSubProcess ? scope.ScopeId : node.ScopeId;
            }
        }

        return node.ScopeId;
    }

    private static FlowNode? Find(EquatableArray<FlowNode> nodes, string? id)
    {
        foreach (var node in nodes)
        {
            if (node.Id == id)
            {
                return node;
            }
        }

        return null;
    }
}
