using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// A sub-process inside a looped sub-process whose input is named like that loop's variables
/// (<c>loopCounter</c>, <c>nrOf…</c>, the element variable): the code inside declares the loop's
/// variables, so it would read the loop's value where Camunda reads the inner scope's local (the
/// innermost scope wins). FLOW1250 at the input. Outside any loop such an input is a local like any
/// other; on a looped activity itself it is FLOW1242.
/// </summary>
internal static class ScopeInputLoopNameRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        foreach (var node in process.Nodes)
        {
            if (node.InputOutput is not { } io || !InputOutputTypes.IsScope(node) || node.Loop != LoopKind.None || LoopedScopeAround(process, node) is not { } looped)
            {
                continue;
            }

            foreach (var input in io.Inputs.Where(i => i.Name.Length > 0))
            {
                if (System.Array.IndexOf(LoopShapes.LoopVariables, input.Name) >= 0 || input.Name == looped.LoopDetails?.ElementVariable)
                {
                    yield return Report(DiagnosticCatalog.ScopeInputHiddenByLoop, input.Span, input.Name, node.Id, looped.Id);
                }
            }
        }
    }

    /// <summary>The innermost looped sub-process or transaction around <paramref name="node"/>, whose variables the code inside it declares; null when none.</summary>
    private static FlowNode? LoopedScopeAround(ProcessModel process, FlowNode node)
    {
        var depth = 0;
        for (var id = node.ScopeId; !string.IsNullOrEmpty(id) && id != process.Id && depth++ < 64;)
        {
            var scope = process.Nodes.FirstOrDefault(n => n.Id == id);
            if (scope is null)
            {
                return null;
            }

            if (scope.Loop != LoopKind.None && scope.Kind is FlowNodeKind.SubProcess or FlowNodeKind.Transaction)
            {
                return scope;
            }

            id = scope.ScopeId;
        }

        return null;
    }
}
