using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Every process and (non ad-hoc) sub-process has a start event or nodes that start without
/// one (implicit starts, FLOW1050), an end event (a warning: without one the scope completes when
/// its last token is consumed), at most one blank start, and start events fit their scope (bpmnlint: start-event-required, end-event-required,
/// single-blank-start-event, sub-process-blank-start-event, event-sub-process-typed-start-event,
/// ad-hoc-sub-process).
/// </summary>
internal static class StartAndEndEventRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var scope in graph.Scopes)
        {
            var nodes = graph.NodesIn(scope.Id).ToList();
            var span = scope.Container?.Span ?? graph.Process.Span;
            var starts = nodes.Where(n => n.Kind == FlowNodeKind.StartEvent).ToList();
            var ends = nodes.Where(n => n.Kind == FlowNodeKind.EndEvent).ToList();

            if (scope.IsAdHoc)
            {
                foreach (var node in starts.Concat(ends))
                {
                    yield return Report(DiagnosticCatalog.StartOrEndInAdHoc, node.Span, scope.Id, Describe.Node(node).ToLowerInvariant(), node.Id);
                }

                continue;
            }

            if (starts.Count == 0 && !ImplicitStarts.In(graph, scope.Id).Any())
            {
                yield return Report(DiagnosticCatalog.NoStartEvent, span, Describe.Scope(scope), scope.Id);
            }

            if (ends.Count == 0)
            {
                yield return Report(DiagnosticCatalog.NoEndEvent, span, Describe.Scope(scope), scope.Id);
            }

            foreach (var extra in starts.Where(s => s.IsBlankEvent).Skip(1))
            {
                yield return Report(DiagnosticCatalog.SeveralBlankStartEvents, extra.Span, extra.Id, scope.Id);
            }

            if (scope.Container is null)
            {
                continue;
            }

            foreach (var start in starts)
            {
                if (scope.IsEventSubProcess && start.IsBlankEvent)
                {
                    yield return Report(DiagnosticCatalog.BlankStartInEventSubProcess, start.Span, start.Id, scope.Id);
                }
                else if (!scope.IsEventSubProcess && !start.IsBlankEvent)
                {
                    yield return Report(DiagnosticCatalog.TypedStartInSubProcess, start.EventDefinitions[0].Span, start.Id, scope.Id, start.EventDefinitions[0].Kind.ToString().ToLowerInvariant());
                }
            }
        }
    }
}
