using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Events that throw and catch by reference fit together: references resolve, message and
/// signal events have a name, boundary events sit on an activity of their scope, error
/// boundaries interrupt and catch something that can be thrown, message and signal boundaries
/// sit where something can arrive, correlation keys are where messages are caught.
/// </summary>
internal static class EventTriggerRules
{
    private static readonly HashSet<FlowNodeKind> CodeKinds = new()
    {
        FlowNodeKind.Task, FlowNodeKind.ServiceTask, FlowNodeKind.SendTask, FlowNodeKind.BusinessRuleTask, FlowNodeKind.ScriptTask,
    };

    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            if (node.UnresolvedReference is { } reference)
            {
                yield return Report(DiagnosticCatalog.UnresolvedEventReference, node.UnresolvedReferenceSpan, node.Id, reference);
            }
            else if (MissingReference(node) is { } missing)
            {
                yield return Report(DiagnosticCatalog.MissingEventReference, node.EventDefinitions[0].Span, Describe.Node(node), node.Id, missing, node.EventName ?? node.Id);
            }

            if (node.CorrelationKey is { } key && !Planning.ClassPlanner.IsMessageCatch(node))
            {
                yield return Report(DiagnosticCatalog.CorrelationKeyIgnored, key.Span, node.Id);
            }

            if (node.Kind == FlowNodeKind.BoundaryEvent && node.AttachedToRef is { } hostId && graph.Node(hostId) is { } host)
            {
                foreach (var diagnostic in CheckBoundary(graph, node, host))
                {
                    yield return diagnostic;
                }
            }
        }
    }

    /// <summary>The reference a message catch or signal event lacks (it is then matched by its own name); null when it has one or needs none.</summary>
    private static string? MissingReference(FlowNode node)
    {
        if (node.EventDefinitions.Count != 1 || node.EventDefinitions[0].Reference is not null)
        {
            return null;
        }

        var kind = node.EventDefinitions[0].Kind;
        var catches = node.Kind is FlowNodeKind.StartEvent or FlowNodeKind.IntermediateCatchEvent or FlowNodeKind.BoundaryEvent;
        return kind == EventDefinitionKind.Signal ? "signalRef"
            : kind == EventDefinitionKind.Message && catches ? "messageRef"
            : null;
    }

    private static IEnumerable<FlowDiagnostic> CheckBoundary(ProcessGraph graph, FlowNode boundary, FlowNode host)
    {
        var problem = !host.Kind.IsActivity() ? "an " + Describe.Kind(host.Kind).ToLowerInvariant() + " has no boundary; only tasks and sub-processes do"
            : host.ScopeId != boundary.ScopeId ? $"the activity is in '{host.ScopeId}', the boundary event in '{boundary.ScopeId}'"
            : host.IsEventSubProcess ? "an event sub-process has no boundary; only tasks and sub-processes do"
            : null;
        if (problem is not null)
        {
            yield return Report(DiagnosticCatalog.BoundaryCannotAttach, boundary.AttachedToRefSpan, boundary.Id, host.Id, problem);
            yield break;
        }

        if (boundary.EventDefinitions.Count != 1)
        {
            yield break;
        }

        var kind = boundary.EventDefinitions[0].Kind;
        if (kind == EventDefinitionKind.Error && !boundary.CancelActivity)
        {
            yield return Report(DiagnosticCatalog.NonInterruptingErrorBoundary, boundary.Span, boundary.Id);
        }

        if (kind == EventDefinitionKind.Error && boundary.ErrorCode is { } code && boundary.UnresolvedReference is null && !CanThrow(graph, host, code))
        {
            yield return Report(DiagnosticCatalog.ErrorNeverThrown, boundary.Span, boundary.Id, code, host.Id);
        }

        if (kind is EventDefinitionKind.Message or EventDefinitionKind.Signal && !CanWait(graph, host))
        {
            yield return Report(DiagnosticCatalog.BoundaryNeverTriggered, boundary.Span, boundary.Id, kind.ToString().ToLowerInvariant(), host.Id);
        }
    }

    /// <summary>Whether running <paramref name="activity"/> can raise error <paramref name="code"/>: code that may throw FlowError, or an error end event with the code inside.</summary>
    private static bool CanThrow(ProcessGraph graph, FlowNode activity, string code)
    {
        // A call activity raises whatever its called process leaves uncaught.
        if (CodeKinds.Contains(activity.Kind) || activity.Kind == FlowNodeKind.CallActivity || (activity.Kind.IsEvent() && activity.HasDefinition(EventDefinitionKind.Message)))
        {
            return true;
        }

        if (!activity.Kind.IsContainer())
        {
            return false;
        }

        return graph.NodesIn(activity.Id).Any(n =>
            (n.Kind == FlowNodeKind.EndEvent && n.HasDefinition(EventDefinitionKind.Error) && (n.ErrorCode ?? n.Id) == code)
            || CanThrow(graph, n, code));
    }

    /// <summary>Whether a token can wait inside <paramref name="activity"/> (where messages and signals arrive).</summary>
    private static bool CanWait(ProcessGraph graph, FlowNode activity) =>
        activity.Kind is FlowNodeKind.UserTask or FlowNodeKind.ReceiveTask or FlowNodeKind.ManualTask or FlowNodeKind.CallActivity
        || (activity.Kind.IsContainer() && graph.NodesIn(activity.Id).Any(n =>
            n.Kind is FlowNodeKind.IntermediateCatchEvent or FlowNodeKind.EventBasedGateway || CanWait(graph, n)));
}
