using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// A parallel join waits for a token on every incoming flow. If an exclusive (or event-based)
/// choice decides which of those flows get a token, some choice leaves the join waiting for
/// ever (bpmnlint has no such rule). For each branch of the choice we collect the join's
/// incoming flows it can reach; the join is safe only if every branch reaches the same set,
/// or each branch reaches either all of them or none.
/// An inclusive choice may take only some branches, so the same shape is a warning there.
/// The walks are bounded by <see cref="Budget"/> steps per process (pairs of joins and choices
/// times paths are super-linear in a hostile graph); past it the rest is reported unchecked.
/// </summary>
internal static class ParallelJoinRules
{
    /// <summary>Nodes and flows visited per process, in all walks together (a fraction of a second).</summary>
    internal const int Budget = 1_000_000;

    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph) => Check(graph, Budget);

    internal static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph, int budget)
    {
        var work = new WorkBudget(budget);
        var joins = graph.Process.Nodes.Where(n => n.Kind == FlowNodeKind.ParallelGateway && graph.Incoming(n.Id).Count > 1);
        foreach (var join in joins)
        {
            var joinInputs = new HashSet<string>(graph.Incoming(join.Id).Select(f => f.Id), System.StringComparer.Ordinal);
            var choices = graph.NodesIn(join.ScopeId)
                .Where(n => n.Kind is FlowNodeKind.ExclusiveGateway or FlowNodeKind.EventBasedGateway or FlowNodeKind.InclusiveGateway)
                .Where(n => graph.Outgoing(n.Id).Count > 1)
                .OrderBy(n => n.Kind == FlowNodeKind.InclusiveGateway);

            foreach (var choice in choices)
            {
                var waiting = LeavesJoinWaiting(graph, choice, join, joinInputs, work);
                if (work.Exhausted)
                {
                    yield return Report(DiagnosticCatalog.DeadlockAnalysisSkipped, join.Span, join.Id, budget);
                    yield break;
                }

                if (waiting)
                {
                    yield return choice.Kind == FlowNodeKind.InclusiveGateway
                        ? Report(DiagnosticCatalog.InclusiveChoiceBeforeParallelJoin, join.Span, join.Id, choice.Id)
                        : Report(DiagnosticCatalog.ParallelJoinDeadlock, join.Span, join.Id, choice.Id);
                    break;
                }
            }
        }
    }

    private static bool LeavesJoinWaiting(ProcessGraph graph, FlowNode choice, FlowNode join, ISet<string> joinInputs, WorkBudget work)
    {
        var stops = new HashSet<string>(System.StringComparer.Ordinal) { choice.Id, join.Id };
        var intoChoice = new HashSet<string>(graph.Incoming(choice.Id).Select(f => f.Id), System.StringComparer.Ordinal);

        // A branch that loops back to the choice decides again; it is not a way past the join.
        var arrivals = graph.Outgoing(choice.Id)
            .Select(branch => Reachability.FlowsFrom(graph, branch, stops, work))
            .Where(flows => !flows.Overlaps(intoChoice))
            .Select(flows => new HashSet<string>(flows.Where(joinInputs.Contains), System.StringComparer.Ordinal))
            .ToList();
        if (arrivals.Count < 2)
        {
            return false;
        }

        var allSame = arrivals.All(a => a.SetEquals(arrivals[0]));
        var allOrNothing = arrivals.All(a => a.Count == 0 || a.Count == joinInputs.Count);
        return !allSame && !allOrNothing;
    }
}
