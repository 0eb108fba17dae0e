using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// A non-interrupting event sub-process started by a signal, escalation or message whose body
/// throws that same trigger before anything waits starts itself again on every run, without end
/// (FLOW1106). Timer-started ones are never reported: the timer itself waits between starts.
/// </summary>
internal static class SelfTriggeringEventSubProcessRules
{
    private static readonly EventDefinitionKind[] Triggers =
    {
        EventDefinitionKind.Signal, EventDefinitionKind.Escalation, EventDefinitionKind.Message,
    };

    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var subProcess in graph.Process.Nodes.Where(n => n.IsEventSubProcess))
        {
            foreach (var start in graph.NodesIn(subProcess.Id).Where(n => n.Kind == FlowNodeKind.StartEvent && !n.CancelActivity && n.EventDefinitions.Count == 1))
            {
                var kind = start.EventDefinitions[0].Kind;
                if (Triggers.Contains(kind) && FindThrowBeforeWait(graph, start, kind) is { } thrower)
                {
                    yield return Report(DiagnosticCatalog.SelfTriggeringEventSubProcess, start.Span, subProcess.Id, kind.ToString().ToLowerInvariant(), start.EventName ?? start.Id, thrower.Id);
                }
            }
        }
    }

    /// <summary>The first throw of <paramref name="start"/>'s own trigger a token reaches from it without passing a wait state; null if none.</summary>
    private static FlowNode? FindThrowBeforeWait(ProcessGraph graph, FlowNode start, EventDefinitionKind kind)
    {
        var visited = new HashSet<string>();
        return Walk(graph, new[] { start }, start, kind, visited).Thrower;
    }

    /// <summary>
    /// Follows sequence flows from <paramref name="from"/> up to wait states. Thrower: a matching
    /// throw reached; Completes: an end event of the scope is reached (so a container walked into
    /// can be left without a wait).
    /// </summary>
    private static (FlowNode? Thrower, bool Completes) Walk(ProcessGraph graph, IEnumerable<FlowNode> from, FlowNode start, EventDefinitionKind kind, HashSet<string> visited)
    {
        var completes = false;
        var pending = new Stack<FlowNode>(from);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!visited.Add(node.Id))
            {
                continue;
            }

            if (node != start && Throws(node, start, kind))
            {
                return (node, completes);
            }

            if (IsWait(node))
            {
                continue;
            }

            if (node.Kind == FlowNodeKind.EndEvent)
            {
                completes = true;
            }

            if (node.Kind.IsContainer() && !node.IsEventSubProcess)
            {
                var innerStarts = graph.NodesIn(node.Id).Where(n => n.Kind == FlowNodeKind.StartEvent);
                var inner = Walk(graph, innerStarts, start, kind, visited);
                if (inner.Thrower is not null)
                {
                    return inner;
                }

                if (!inner.Completes)
                {
                    continue;
                }
            }

            if (node.Kind == FlowNodeKind.IntermediateThrowEvent && node.HasDefinition(EventDefinitionKind.Link))
            {
                foreach (var target in graph.NodesIn(node.ScopeId).Where(n => n.Kind == FlowNodeKind.IntermediateCatchEvent && n.HasDefinition(EventDefinitionKind.Link) && n.EventName == node.EventName))
                {
                    pending.Push(target);
                }
            }

            foreach (var flow in graph.Outgoing(node.Id))
            {
                if (graph.Node(flow.TargetRef) is { } next)
                {
                    pending.Push(next);
                }
            }
        }

        return (null, completes);
    }

    /// <summary>Where a token stops until something from outside arrives; a link catch only continues a link throw.</summary>
    private static bool IsWait(FlowNode node) =>
        node.Kind is FlowNodeKind.UserTask or FlowNodeKind.ReceiveTask or FlowNodeKind.ManualTask or FlowNodeKind.EventBasedGateway
        || (node.Kind == FlowNodeKind.IntermediateCatchEvent && !node.HasDefinition(EventDefinitionKind.Link));

    /// <summary>An intermediate throw or end event that throws what <paramref name="start"/> catches (a catch-all escalation start catches every escalation).</summary>
    private static bool Throws(FlowNode node, FlowNode start, EventDefinitionKind kind) =>
        node.Kind is FlowNodeKind.IntermediateThrowEvent or FlowNodeKind.EndEvent
        && node.EventDefinitions.Count == 1
        && node.HasDefinition(kind)
        && ((kind == EventDefinitionKind.Escalation && start.EventName is null)
            || (node.EventName ?? node.Id) == (start.EventName ?? start.Id));
}
