using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// A timer boundary event on a task that runs code (a handler or a C# script) is a timeout: when
/// interrupting, the engine gives up on the task when the timer is due and takes the boundary's
/// path. A non-interrupting one would have to start a path while the code still runs, which the
/// engine (one step at a time) cannot do, so it never fires (FLOW1160).
/// </summary>
internal static class TimeoutRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var boundary in graph.Process.Nodes.Where(n => n.Kind == FlowNodeKind.BoundaryEvent && !n.CancelActivity
            && n.EventDefinitions.Count == 1 && n.HasDefinition(EventDefinitionKind.Timer) && RunsCode(n, graph)))
        {
            yield return Report(DiagnosticCatalog.NonInterruptingTimeout, boundary.Span, boundary.Id, boundary.AttachedToRef!);
        }
    }

    /// <summary>Whether <paramref name="boundary"/> sits on a task that runs a handler or a script and never waits.</summary>
    public static bool RunsCode(FlowNode boundary, ProcessGraph graph) =>
        boundary.AttachedToRef is { } host
        && graph.Node(host)?.Kind is FlowNodeKind.Task or FlowNodeKind.ServiceTask or FlowNodeKind.SendTask or FlowNodeKind.BusinessRuleTask or FlowNodeKind.ScriptTask;
}
