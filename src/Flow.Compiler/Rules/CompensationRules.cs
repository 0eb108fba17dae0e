using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Compensation and transactions (FLOW1300–FLOW1313): compensation boundary events have a handler
/// (isForCompensation, same scope, no sequence flows); throw events compensate an activity of
/// their scope; cancel end events stand directly in a transaction that has one cancel boundary
/// event; compensation and cancel events stand only where BPMN lets them.
/// </summary>
internal static class CompensationRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var handlers = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var node in graph.Process.Nodes)
        {
            if (node.EventDefinitions.Count != 1)
            {
                continue;
            }

            var kind = node.EventDefinitions[0].Kind;
            if (kind == EventDefinitionKind.Compensate)
            {
                foreach (var diagnostic in CheckCompensation(graph, node, handlers))
                {
                    yield return diagnostic;
                }
            }
            else if (kind == EventDefinitionKind.Cancel)
            {
                foreach (var diagnostic in CheckCancel(graph, node))
                {
                    yield return diagnostic;
                }
            }
        }

        foreach (var node in graph.Process.Nodes.Where(n => n.IsForCompensation && !handlers.Contains(n.Id)))
        {
            yield return Report(DiagnosticCatalog.CompensationHandlerNeverRuns, node.Span, node.Id);
        }

        foreach (var container in graph.Process.Nodes.Where(n => n.Kind.IsContainer()))
        {
            var compensationSubProcesses = graph.NodesIn(container.Id).Where(n => n.IsEventSubProcess && IsCompensationEventSubProcess(graph, n)).ToList();
            foreach (var extra in compensationSubProcesses.Skip(1))
            {
                yield return Report(DiagnosticCatalog.SeveralCompensationEventSubProcesses, extra.Span, container.Id, extra.Id);
            }

            if (container.Kind == FlowNodeKind.Transaction)
            {
                var cancelBoundaries = graph.BoundaryEventsOf(container.Id).Where(b => b.HasDefinition(EventDefinitionKind.Cancel)).ToList();
                var cancelEnd = graph.NodesIn(container.Id).FirstOrDefault(n => n.Kind == FlowNodeKind.EndEvent && n.HasDefinition(EventDefinitionKind.Cancel));
                if (cancelEnd is not null && cancelBoundaries.Count == 0)
                {
                    yield return Report(DiagnosticCatalog.TransactionWithoutCancelBoundary, container.Span, container.Id, cancelEnd.Id);
                }

                foreach (var extra in cancelBoundaries.Skip(1))
                {
                    yield return Report(DiagnosticCatalog.SeveralCancelBoundaries, extra.Span, container.Id, extra.Id);
                }
            }
        }
    }

    private static IEnumerable<FlowDiagnostic> CheckCompensation(ProcessGraph graph, FlowNode node, HashSet<string> handlers)
    {
        var what = Describe.Node(node);
        switch (node.Kind)
        {
            case FlowNodeKind.BoundaryEvent:
                foreach (var diagnostic in CheckBoundary(graph, node, handlers))
                {
                    yield return diagnostic;
                }

                break;

            case FlowNodeKind.IntermediateThrowEvent or FlowNodeKind.EndEvent:
                if (node.EventName is { } activityRef)
                {
                    var scope = ThrowScope(graph, node);
                    var target = graph.Node(activityRef);
                    var span = node.EventDefinitions[0].Span;
                    if (target is null || target.ScopeId != scope || !target.Kind.IsActivity() || target.IsEventSubProcess)
                    {
                        yield return Report(DiagnosticCatalog.UnknownCompensationActivity, span, node.Id, activityRef, ScopeName(graph, scope));
                    }
                    else if (!IsCompensable(graph, target))
                    {
                        yield return Report(DiagnosticCatalog.NothingToCompensate, span, node.Id, activityRef);
                    }
                }

                break;

            case FlowNodeKind.StartEvent when graph.Node(node.ScopeId) is { IsEventSubProcess: true } eventSubProcess:
                if (graph.Node(eventSubProcess.ScopeId) is not { } owner || !owner.Kind.IsContainer())
                {
                    yield return Report(DiagnosticCatalog.MisplacedCompensationEvent, node.Span, what, node.Id,
                        "a compensation event sub-process directly in the process never starts, since only a sub-process is compensated; put it inside the sub-process whose compensation it does");
                }

                break;

            case FlowNodeKind.StartEvent:
                yield return Report(DiagnosticCatalog.MisplacedCompensationEvent, node.Span, what, node.Id,
                    "a compensation start event starts an event sub-process inside a sub-process; to compensate from the flow use a compensation intermediate throw or end event");
                break;

            default:
                yield return Report(DiagnosticCatalog.MisplacedCompensationEvent, node.Span, what, node.Id,
                    "compensation is thrown, not caught; attach a compensation boundary event with a handler to the activity to undo, and throw with an intermediate throw or end event");
                break;
        }
    }

    private static IEnumerable<FlowDiagnostic> CheckBoundary(ProcessGraph graph, FlowNode boundary, HashSet<string> handlers)
    {
        var host = boundary.AttachedToRef is { } hostId ? graph.Node(hostId) : null;
        foreach (var flow in graph.Outgoing(boundary.Id).Take(1))
        {
            yield return Report(DiagnosticCatalog.CompensationBoundaryWithFlow, flow.Span, boundary.Id);
        }

        if (host is null)
        {
            yield break;   // an unknown attachedToRef is ReferenceRules'
        }

        if (boundary.EventName is not { } handlerId || graph.Node(handlerId) is not { } handler)
        {
            yield return Report(DiagnosticCatalog.CompensationBoundaryWithoutHandler, boundary.Span, boundary.Id, host.Id);
            yield break;
        }

        handlers.Add(handler.Id);
        if (!handler.Kind.IsActivity() || handler.IsEventSubProcess || handler.Kind is FlowNodeKind.Transaction or FlowNodeKind.AdHocSubProcess)
        {
            yield return Report(DiagnosticCatalog.CompensationHandlerNotMarked, handler.Span, handler.Id, boundary.Id,
                "is not a task, sub-process or call activity");
        }
        else if (!handler.IsForCompensation)
        {
            yield return Report(DiagnosticCatalog.CompensationHandlerNotMarked, handler.Span, handler.Id, boundary.Id,
                "is not marked isForCompensation=\"true\"");
        }

        var flows = graph.Incoming(handler.Id).Count + graph.Outgoing(handler.Id).Count;
        if (flows > 0)
        {
            yield return Report(DiagnosticCatalog.CompensationHandlerWithFlows, handler.Span, handler.Id, flows);
        }

        if (handler.ScopeId != host.ScopeId)
        {
            yield return Report(DiagnosticCatalog.CompensationHandlerInOtherScope, handler.Span, handler.Id, handler.ScopeId, host.Id, host.ScopeId);
        }
    }

    private static IEnumerable<FlowDiagnostic> CheckCancel(ProcessGraph graph, FlowNode node)
    {
        var what = Describe.Node(node);
        switch (node.Kind)
        {
            case FlowNodeKind.EndEvent:
                if (graph.Node(node.ScopeId) is not { Kind: FlowNodeKind.Transaction })
                {
                    yield return Report(DiagnosticCatalog.CancelEndOutsideTransaction, node.Span, node.Id, ScopeName(graph, node.ScopeId));
                }

                break;

            case FlowNodeKind.BoundaryEvent:
                if (node.AttachedToRef is { } hostId && graph.Node(hostId) is { } host && host.Kind != FlowNodeKind.Transaction)
                {
                    yield return Report(DiagnosticCatalog.CancelBoundaryNotOnTransaction, node.Span, node.Id, host.Id);
                }

                break;

            default:
                yield return Report(DiagnosticCatalog.MisplacedCompensationEvent, node.Span, what, node.Id,
                    "a cancel event is an end event directly in a transaction (it cancels the transaction) or a boundary event on a transaction (the path after cancelling)");
                break;
        }
    }

    /// <summary>The scope a compensation throw compensates: its own, or for a throw inside an event sub-process, the scope that holds the event sub-process.</summary>
    internal static string ThrowScope(ProcessGraph graph, FlowNode thrower) =>
        graph.Node(thrower.ScopeId) is { IsEventSubProcess: true } eventSubProcess ? eventSubProcess.ScopeId : thrower.ScopeId;

    /// <summary>Whether compensating <paramref name="activity"/> does anything: it has a compensation boundary event, or it is a sub-process with something compensable inside.</summary>
    internal static bool IsCompensable(ProcessGraph graph, FlowNode activity) =>
        graph.BoundaryEventsOf(activity.Id).Any(b => b.HasDefinition(EventDefinitionKind.Compensate))
        || (activity.Kind.IsContainer() && graph.NodesIn(activity.Id).Any(n =>
            (n.IsEventSubProcess && IsCompensationEventSubProcess(graph, n)) || (n.Kind.IsActivity() && !n.IsEventSubProcess && IsCompensable(graph, n))));

    private static bool IsCompensationEventSubProcess(ProcessGraph graph, FlowNode eventSubProcess) =>
        graph.NodesIn(eventSubProcess.Id).Any(n => n.Kind == FlowNodeKind.StartEvent && n.HasDefinition(EventDefinitionKind.Compensate));

    private static string ScopeName(ProcessGraph graph, string scopeId) =>
        graph.Node(scopeId) is { } container ? Describe.Node(container).ToLowerInvariant() + " '" + scopeId + "'" : "the process '" + scopeId + "'";
}
