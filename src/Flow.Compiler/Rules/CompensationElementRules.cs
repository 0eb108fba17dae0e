using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// A compensation handler of a multi-instance activity sees the element it undoes; one shared by
/// several activities cannot be typed by one of them and sees no element variable (FLOW1315, a
/// warning, at the handler).
/// </summary>
internal static class CompensationElementRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var hostsByHandler = new Dictionary<string, List<FlowNode>>(StringComparer.Ordinal);
        foreach (var boundary in graph.Process.Nodes)
        {
            if (boundary.Kind == FlowNodeKind.BoundaryEvent && boundary.HasDefinition(EventDefinitionKind.Compensate)
                && boundary.EventName is { } handler && boundary.AttachedToRef is { } hostId && graph.Node(hostId) is { } host)
            {
                if (!hostsByHandler.TryGetValue(handler, out var hosts))
                {
                    hostsByHandler[handler] = hosts = new List<FlowNode>();
                }

                hosts.Add(host);
            }
        }

        foreach (var pair in hostsByHandler)
        {
            if (pair.Value.Count > 1 && graph.Node(pair.Key) is { } handler
                && pair.Value.FirstOrDefault(h => h.LoopDetails is { Collection: not null, ElementVariable: not null }) is { } looped)
            {
                yield return Report(DiagnosticCatalog.SharedHandlerWithoutElement, handler.Span, handler.Id,
                    string.Join(", ", pair.Value.Select(h => "'" + h.Id + "'")), looped.Id, looped.LoopDetails!.ElementVariable!);
            }
        }
    }
}
