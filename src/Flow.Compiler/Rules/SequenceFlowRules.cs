using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Model;
using Flow.Compiler.Graph;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>Sequence flows are distinct and their conditions are not empty (bpmnlint: no-duplicate-sequence-flows).</summary>
internal static class SequenceFlowRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var seen = new Dictionary<(string, string, string?), SequenceFlow>();
        foreach (var flow in graph.Process.Flows)
        {
            var key = (flow.SourceRef, flow.TargetRef, flow.Condition?.Text.Trim());
            if (seen.TryGetValue(key, out var first))
            {
                yield return Report(DiagnosticCatalog.DuplicateSequenceFlow, flow.Span, flow.Id, first.Id);
            }
            else
            {
                seen.Add(key, flow);
            }

            if (flow.Condition is { } condition && condition.Text.Trim().Length == 0)
            {
                yield return Report(DiagnosticCatalog.EmptyCondition, condition.Span, flow.Id);
            }
        }
    }
}
