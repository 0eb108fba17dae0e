using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// What looped sub-processes cannot contain yet (FLOW1320): an event sub-process inside one of
/// their elements, which the engine would not know which element it belongs to.
/// </summary>
internal static class LoopedScopeRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        var byId = new Dictionary<string, FlowNode>(System.StringComparer.Ordinal);
        foreach (var node in process.Nodes)
        {
            byId[node.Id] = node;
        }

        foreach (var node in process.Nodes.Where(n => n.IsEventSubProcess))
        {
            for (var scope = node.ScopeId; scope is not null && byId.TryGetValue(scope, out var container); scope = container.ScopeId)
            {
                if (container.Kind == FlowNodeKind.SubProcess && !container.IsEventSubProcess && container.Loop != LoopKind.None)
                {
                    var loop = container.Loop == LoopKind.Standard ? "a standard loop" : "a multi-instance";
                    yield return Report(DiagnosticCatalog.EventSubProcessInLoopedScope, node.Span, node.Id, container.Id, loop);
                    break;
                }
            }
        }
    }
}
