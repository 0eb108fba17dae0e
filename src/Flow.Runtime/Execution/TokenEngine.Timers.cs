using System;
using System.Collections.Generic;
using System.Globalization;

namespace Flow;

/// <summary>
/// Timers attached to a waiting token: boundary timers of the activity where it waits, and the
/// timer catch events after the event-based gateway where it waits. Each is a <see cref="TimerState"/>
/// whose wait node is the activity or gateway, so it goes (and with it its job) when the token leaves.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>
    /// The due times of the timers a token waiting at <paramref name="node"/> would start, computed
    /// before the token begins to wait (a timer expression that fails leaves it before the node, to retry).
    /// </summary>
    private List<(int Timer, DateTimeOffset Due)>? AttachedTimerDues(int node, TokenState token)
    {
        var seen = ScopeSeen(token.ScopeId);
        List<(int, DateTimeOffset)>? dues = null;
        if (Graph.Node(node).Kind == NodeKind.EventBasedGateway)
        {
            foreach (var flow in Graph.Outgoing[node])
            {
                AddDue(Graph.FlowTarget[flow]);
            }
        }

        foreach (var boundary in Graph.Boundaries[node])
        {
            AddDue(boundary);
        }

        // The timer starts of a sub-process's event sub-processes run while the sub-process waits.
        if (Graph.Node(node).Kind is NodeKind.SubProcess or NodeKind.Transaction && Graph.Node(node).Loop is null && Graph.EventSubProcessStarts.TryGetValue(Graph.Node(node).Id, out var starts))
        {
            foreach (var start in starts)
            {
                AddDue(start);
            }
        }

        return dues;

        void AddDue(int timer)
        {
            if (Graph.Node(timer).EventKind == EventKind.Timer)
            {
                (dues ??= new()).Add((timer, _process.TimerDue(timer, _state.Data, seen)));
            }
        }
    }

    /// <summary>Starts the attached timers of <paramref name="token"/>, which waits at <paramref name="waitNode"/>.</summary>
    private void StartAttachedTimers(TokenState token, int waitNode, List<(int Timer, DateTimeOffset Due)>? dues)
    {
        if (dues is null)
        {
            return;
        }

        var waitNodeId = Graph.Node(waitNode).Id;
        RemoveTimers(token.Id, waitNodeId);
        foreach (var (timer, due) in dues)
        {
            AddTimer(token.Id, Graph.Node(timer).Id, waitNodeId, due, fired: 0);
        }
    }

    /// <summary>The timers of a token at a node (a method of its own: a closure in the caller would be made on every call).</summary>
    private void RemoveTimers(int tokenId, string waitNodeId)
    {
        _state.Timers?.RemoveAll(t => t.TokenId == tokenId && t.WaitNodeId == waitNodeId);
    }

    private void AddTimer(int tokenId, string timerNodeId, string waitNodeId, DateTimeOffset due, int fired, int? elementScope = null)
    {
        // A repeated occurrence gets its own job id, so the store replaces the fired job instead of updating a leased one;
        // each element of a looped sub-process has its own (the token waiting at the sub-process is the same for all).
        var jobId = _instance!.Id + "/" + timerNodeId + "/" + tokenId.ToString(CultureInfo.InvariantCulture)
            + (elementScope is { } scope ? "." + scope.ToString(CultureInfo.InvariantCulture) : "")
            + (fired == 0 ? "" : "/" + fired.ToString(CultureInfo.InvariantCulture));
        (_state.Timers ??= new()).Add(new TimerState { JobId = jobId, NodeId = timerNodeId, TokenId = tokenId, WaitNodeId = waitNodeId, DueAt = due, Fired = fired, ScopeId = elementScope });
    }

    /// <summary>
    /// An attached timer fires. A boundary timer catches like any boundary event (interrupting:
    /// the activity is cancelled; non-interrupting: a new token, and a cycle's next occurrence is
    /// scheduled). A timer after an event-based gateway wins the race: the token goes on from it
    /// and the gateway's other listeners go.
    /// </summary>
    private void FireAttachedTimer(TokenState? token, TimerState timer, int node)
    {
        var description = Graph.Node(node);
        _state.Timers!.Remove(timer);
        if (description.Kind is NodeKind.BoundaryEvent or NodeKind.StartEvent
            && !description.Interrupting && _process.TimerNextDue(node, _state.Data, timer.DueAt, timer.Fired + 1, token is null ? default : ScopeSeen(token.ScopeId)) is { } next)
        {
            AddTimer(timer.TokenId, timer.NodeId, timer.WaitNodeId, next.Due, next.Fired, timer.ScopeId);
        }

        if (description.Kind == NodeKind.BoundaryEvent)
        {
            Catch(token!, node);
            return;
        }

        if (description.Kind == NodeKind.StartEvent)
        {
            // An event sub-process's timer start; interrupting, the scope's other event sub-process timers end with it.
            if (description.Interrupting)
            {
                _state.Timers.RemoveAll(t => t.TokenId == timer.TokenId && t.ScopeId == timer.ScopeId && Graph.Node(Graph.NodeIndex[t.NodeId]).Kind == NodeKind.StartEvent);
            }

            TriggerEventSubProcess(timer.TokenId, node, timer.ScopeId);
            return;
        }

        // A catch event after the gateway where the token waits.
        token!.NodeId = description.Id;
        Took(description);
        Leave(token, Next(node, token));
    }

    /// <summary>
    /// The timer starts of the process's event sub-processes (token 0: the process itself), recorded
    /// without a time when the instance starts (the static start has no instance id or clock).
    /// </summary>
    internal static void RecordProcessEventSubProcessTimers(ExecutableGraph graph, InstanceState<TData> state)
    {
        foreach (var start in graph.ProcessEventSubProcessStarts)
        {
            if (graph.Node(start).EventKind == EventKind.Timer)
            {
                (state.Timers ??= new()).Add(new TimerState { NodeId = graph.Node(start).Id, TokenId = 0, WaitNodeId = graph.Description.Key });
            }
        }
    }

    /// <summary>Gives the recorded process-level timers their due time and job when the first run begins (start timers are literals, FLOW1155).</summary>
    private void StartRecordedTimers()
    {
        if (_state.Timers is not { } timers)
        {
            return;
        }

        for (var i = 0; i < timers.Count; i++)
        {
            if (timers[i].JobId.Length == 0)
            {
                var recorded = timers[i];
                timers.RemoveAt(i--);
                AddTimer(recorded.TokenId, recorded.NodeId, recorded.WaitNodeId, _process.TimerDue(Graph.NodeIndex[recorded.NodeId], _state.Data), fired: 0);
            }
        }
    }
}
