using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Loop characteristics on an event sub-process (FLOW1321): it is started by its event, once per
/// occurrence, not by a token that could repeat it; BPMN gives a loop on it no meaning, and
/// bpmn-js (Camunda Modeler) offers no loop marker for it.
/// </summary>
internal static class EventSubProcessLoopRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            if (node.IsEventSubProcess && node.Loop != LoopKind.None)
            {
                var loop = node.Loop switch
                {
                    LoopKind.Standard => "a standard loop",
                    LoopKind.ParallelMultiInstance => "a parallel multi-instance",
                    _ => "a sequential multi-instance",
                };
                yield return Report(DiagnosticCatalog.LoopedEventSubProcess, node.LoopSpan, node.Id, loop);
            }
        }
    }
}
