using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Events are unambiguous: one definition each, link throws and catches pair up by name in
/// their scope (bpmnlint: single-event-definition, link-event).
/// </summary>
internal static class EventRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes.Where(n => n.EventDefinitions.Count > 1))
        {
            yield return Report(DiagnosticCatalog.SeveralEventDefinitions, node.Span, node.Id, node.EventDefinitions.Count);
        }

        foreach (var scope in graph.Scopes)
        {
            var links = graph.NodesIn(scope.Id).Where(n => n.EventDefinitions.Count == 1 && n.HasDefinition(EventDefinitionKind.Link)).ToList();
            // Counted by name once per scope, not searched per link (a scope may hold thousands).
            var catches = CountByName(links.Where(n => n.Kind == FlowNodeKind.IntermediateCatchEvent));
            var throws = CountByName(links.Where(n => n.Kind == FlowNodeKind.IntermediateThrowEvent));
            foreach (var link in links)
            {
                var name = link.EventDefinitions[0].Name;
                var problem = name is null
                    ? "has no link name"
                    : link.Kind == FlowNodeKind.IntermediateThrowEvent && !catches.ContainsKey(name)
                        ? $"throws to link '{name}', but no link catch event of that name is in the same scope"
                        : link.Kind == FlowNodeKind.IntermediateCatchEvent && catches[name] > 1
                            ? $"catches link '{name}', which another link catch event in the same scope catches too"
                            : link.Kind == FlowNodeKind.IntermediateCatchEvent && !throws.ContainsKey(name)
                                ? $"catches link '{name}', but no link throw event of that name is in the same scope"
                                : null;
                if (problem is not null)
                {
                    yield return Report(DiagnosticCatalog.LinkEventMismatch, link.Span, link.Id, problem);
                }
            }
        }
    }

    private static Dictionary<string, int> CountByName(IEnumerable<FlowNode> links)
    {
        var counts = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var link in links)
        {
            if (link.EventDefinitions[0].Name is { } name)
            {
                counts[name] = counts.TryGetValue(name, out var count) ? count + 1 : 1;
            }
        }

        return counts;
    }
}
