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
            var catches = links.Where(n => n.Kind == FlowNodeKind.IntermediateCatchEvent).ToList();
            var throws = links.Where(n => n.Kind == FlowNodeKind.IntermediateThrowEvent).ToList();
            foreach (var link in links)
            {
                var name = link.EventDefinitions[0].Name;
                var problem = name is null
                    ? "has no link name"
                    : link.Kind == FlowNodeKind.IntermediateThrowEvent && !catches.Any(c => c.EventDefinitions[0].Name == name)
                        ? $"throws to link '{name}', but no link catch event of that name is in the same scope"
                        : link.Kind == FlowNodeKind.IntermediateCatchEvent && catches.Count(c => c.EventDefinitions[0].Name == name) > 1
                            ? $"catches link '{name}', which another link catch event in the same scope catches too"
                            : link.Kind == FlowNodeKind.IntermediateCatchEvent && !throws.Any(t => t.EventDefinitions[0].Name == name)
                                ? $"catches link '{name}', but no link throw event of that name is in the same scope"
                                : null;
                if (problem is not null)
                {
                    yield return Report(DiagnosticCatalog.LinkEventMismatch, link.Span, link.Id, problem);
                }
            }
        }
    }
}
