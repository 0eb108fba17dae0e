using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// Events on the token engine: errors and escalations thrown up the scopes to boundary events,
/// boundary events as listeners attached to the token waiting at their activity (a message or
/// signal subscription that lives exactly as long as that wait), intermediate catch and throw
/// events, link jumps and event-based gateways.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    private async ValueTask ExecuteEventAsync(TokenState token, int node, CancellationToken cancellationToken)
    {
        var description = Graph.Node(node);
        switch (description.Kind, description.EventKind)
        {
            case (NodeKind.IntermediateCatchEvent, EventKind.Message or EventKind.Signal):
                token.Wait = TokenWait.Event;
                Subscribe(token, node);
                break;

            case (NodeKind.IntermediateCatchEvent, EventKind.Conditional):
                ExecuteConditionalCatch(token, node, description);
                break;

            case (NodeKind.EventBasedGateway, _):
                var raceTimers = AttachedTimerDues(node, token);
                Took(description);
                token.Wait = TokenWait.Event;
                Subscribe(token, node);
                StartAttachedTimers(token, node, raceTimers);
                break;

            case (NodeKind.IntermediateThrowEvent, EventKind.Link):
                Took(description);
                token.NodeId = LinkTarget(description);
                token.ArrivedBy = null;
                break;

            case (NodeKind.IntermediateThrowEvent, EventKind.Escalation):
                Took(description);
                if (!ThrowError(token, node, description.EventName ?? description.Id, escalation: true))
                {
                    EscalationUncaught(description.EventName ?? description.Id);
                }

                if (_state.Tokens.Contains(token))
                {
                    Leave(token, Next(node, token));
                }

                break;

            case (NodeKind.IntermediateThrowEvent, EventKind.Signal):
                Took(description);
                Leave(token, Next(node, token));
                ThrowSignal(description);
                break;

            case (NodeKind.IntermediateThrowEvent, EventKind.Message):
                // Sending is the application's: the throw event has a handler, like a send task.
                cancellationToken.ThrowIfCancellationRequested();
                await _process.InvokeHandlerAsync(node, Context(description, token), cancellationToken).ConfigureAwait(false);
                Took(description);
                Leave(token, Next(node, token));
                break;

            case (NodeKind.IntermediateThrowEvent or NodeKind.IntermediateCatchEvent or NodeKind.BoundaryEvent, EventKind.None or EventKind.Link or EventKind.Error or EventKind.Escalation or EventKind.Message or EventKind.Signal or EventKind.Timer or EventKind.Conditional or EventKind.Cancel):
                // A blank throw, a link catch reached by its throw, a boundary event that caught.
                Took(description);
                Leave(token, Next(node, token));
                break;

            default:
                throw new FlowExecutionException(description.Id, $"{description.Kind} '{description.Id}' ({description.EventKind}) cannot run yet.");
        }
    }

    /// <summary>An end event that throws: error (caught or failing the instance), escalation, message (a handler sends it), signal.</summary>
    private async ValueTask EndWithEventAsync(TokenState token, int node, CancellationToken cancellationToken)
    {
        var end = Graph.Node(node);
        if (end.EventKind == EventKind.Message)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _process.InvokeHandlerAsync(node, Context(end, token), cancellationToken).ConfigureAwait(false);
        }

        Took(end);
        switch (end.EventKind)
        {
            case EventKind.Error:
                var code = end.ErrorCode ?? end.Id;
                if (!ThrowError(token, node, code, escalation: false))
                {
                    ErrorUncaught(end.Id, code, null);
                }

                return;

            case EventKind.Escalation:
                if (!ThrowError(token, node, end.EventName ?? end.Id, escalation: true))
                {
                    EscalationUncaught(end.EventName ?? end.Id);
                }

                break;

            case EventKind.Signal:
                ThrowSignal(end);
                break;
        }

        if (_state.Tokens.Contains(token))
        {
            End(token, end);
        }
    }

    /// <summary>
    /// Throws an error or escalation from <paramref name="token"/> at <paramref name="thrower"/>:
    /// the thrower's own boundary events first (an activity whose handler threw), then those of
    /// each enclosing sub-process outwards. A boundary with the code wins over one without (a
    /// catch-all). False when nothing catches it.
    /// </summary>
    private bool ThrowError(TokenState token, int thrower, string code, bool escalation)
    {
        if (FindBoundary(thrower, code, escalation) is { } own)
        {
            Catch(token, own);
            return true;
        }

        for (var scopeId = token.ScopeId; ; )
        {
            // An event sub-process of the scope first, then a boundary event of the sub-process that is the scope.
            var owner = scopeId == 0 ? 0 : _state.Scopes.First(s => s.Id == scopeId).ParentTokenId;
            var scopeNode = scopeId == 0 ? Graph.Description.Key : _state.Scopes.First(s => s.Id == scopeId).NodeId;
            if (FindEventSubProcessStart(scopeNode, code, escalation) is { } start)
            {
                TriggerEventSubProcess(owner, start, scopeId == 0 ? null : scopeId);
                return true;
            }

            if (scopeId == 0)
            {
                break;
            }

            var scope = _state.Scopes.First(s => s.Id == scopeId);
            if (FindBoundary(Graph.NodeIndex[scope.NodeId], code, escalation) is { } boundary)
            {
                Catch(_state.Tokens.First(t => t.Id == scope.ParentTokenId), boundary);
                return true;
            }

            scopeId = scope.ParentScopeId;
        }

        return false;
    }

    /// <summary>The start event of an event sub-process in <paramref name="scopeNode"/> for this error or escalation (its code first, then one without).</summary>
    private int? FindEventSubProcessStart(string scopeNode, string code, bool escalation)
    {
        if (!Graph.EventSubProcessStarts.TryGetValue(scopeNode, out var starts))
        {
            return null;
        }

        int? catchAll = null;
        foreach (var start in starts)
        {
            var description = Graph.Node(start);
            if (description.EventKind != (escalation ? EventKind.Escalation : EventKind.Error))
            {
                continue;
            }

            var caught = escalation ? description.EventName : description.ErrorCode;
            if (caught is null)
            {
                catchAll ??= start;
            }
            else if (caught == code)
            {
                return start;
            }
        }

        return catchAll;
    }

    /// <summary>
    /// Starts the event sub-process of <paramref name="start"/> in the scope owned by
    /// <paramref name="owner"/> (the token waiting at the enclosing sub-process; 0: the process),
    /// or in <paramref name="scope"/>, one element of a looped sub-process <paramref name="owner"/> waits at.
    /// Interrupting, the scope's other content and its event sub-process listeners end first.
    /// </summary>
    private void TriggerEventSubProcess(int owner, int start, int? scope = null)
    {
        var startEvent = Graph.Node(start);
        var eventSubProcess = startEvent.ScopeId;
        var scopeId = scope ?? (owner == 0 ? 0 : _state.Scopes.First(s => s.ParentTokenId == owner).Id);
        if (startEvent.Interrupting)
        {
            RemoveScopeContents(scopeId);
            // An element's listeners carry its scope; those of other elements stay.
            _state.Subscriptions.RemoveAll(s => s.TokenId == owner && (s.ScopeId is null || s.ScopeId == scopeId) && Graph.Node(Graph.NodeIndex[s.NodeId]).Kind == NodeKind.StartEvent);
            if (scope is not null)
            {
                _state.Timers?.RemoveAll(t => t.ScopeId == scope);
            }
        }

        // The token enters the event sub-process like any sub-process; its (single) start event is where it begins.
        var token = new TokenState { Id = ++_state.NextId, NodeId = eventSubProcess, ScopeId = scopeId };
        var owning = owner == 0 ? -1 : _state.Tokens.FindIndex(t => t.Id == owner);
        _state.Tokens.Insert(owning < 0 ? 0 : owning + 1, token);
    }

    /// <summary>The message and signal start events of the process's event sub-processes listen while the instance runs (token 0: the process).</summary>
    internal static void ListenForProcessEventSubProcesses(ExecutableGraph graph, InstanceState<TData> state)
    {
        foreach (var start in graph.ProcessEventSubProcessStarts)
        {
            var description = graph.Node(start);
            if (description.EventKind is EventKind.Message or EventKind.Signal && description.EventName is { } name)
            {
                state.Subscriptions.Add(new SubscriptionState { TokenId = 0, NodeId = description.Id, Kind = description.EventKind, Name = name });
            }
            else if (description.EventKind == EventKind.Conditional)
            {
                state.Subscriptions.Add(new SubscriptionState { TokenId = 0, NodeId = description.Id, Kind = EventKind.Conditional });
            }
        }

        RecordProcessEventSubProcessTimers(graph, state);
    }

    private int? FindBoundary(int host, string code, bool escalation)
    {
        var kind = escalation ? EventKind.Escalation : EventKind.Error;
        int? catchAll = null;
        foreach (var boundary in Graph.Boundaries[host])
        {
            var description = Graph.Node(boundary);
            if (description.EventKind != kind)
            {
                continue;
            }

            var caught = escalation ? description.EventName : description.ErrorCode;
            if (caught is null)
            {
                catchAll ??= boundary;
            }
            else if (caught == code)
            {
                return boundary;
            }
        }

        return catchAll;
    }

    /// <summary>An uncaught error fails the instance, and every token of every scope ends with it.</summary>
    private void ErrorUncaught(string nodeId, string code, Exception? exception)
    {
        _state.EndAllTokens(InstanceStatus.Failed, new FailureState { NodeId = nodeId, Kind = FailureState.ErrorEnd, Message = code });
        _instance!.Exception = exception;
    }

    /// <summary>
    /// A boundary event of the activity where <paramref name="host"/> is caught: interrupting, the
    /// activity is cancelled (its listeners, and for a sub-process its whole scope) and the token
    /// goes on from the boundary event; non-interrupting, a new token starts there and the
    /// activity goes on.
    /// </summary>
    private void Catch(TokenState host, int boundary)
    {
        var description = Graph.Node(boundary);
        if (description.Interrupting)
        {
            CancelActivity(host);
            host.NodeId = description.Id;
            host.Wait = TokenWait.None;
            host.ArrivedBy = null;
            return;
        }

        _state.Tokens.Insert(_state.Tokens.IndexOf(host) + 1, new TokenState { Id = ++_state.NextId, NodeId = description.Id, ScopeId = host.ScopeId });
    }

    private void CancelActivity(TokenState host)
    {
        Unsubscribe(host);
        // A multi-instance sub-process has a scope per running element: all of them end.
        foreach (var scope in host.Wait == TokenWait.SubProcess ? _state.Scopes.Where(s => s.ParentTokenId == host.Id).ToList() : new List<ScopeState>())
        {
            RemoveScopeContents(scope.Id);
            _state.Scopes.Remove(scope);
            ScopeRemoved(scope);
            DropElementListeners(scope.Id);
        }
    }

    private string LinkTarget(NodeDescription link) =>
        Graph.Description.Nodes.FirstOrDefault(n => n.Kind == NodeKind.IntermediateCatchEvent && n.EventKind == EventKind.Link && n.ScopeId == link.ScopeId && n.EventName == link.EventName)?.Id
        ?? throw new FlowExecutionException(link.Id, $"No link catch event '{link.EventName}' is in the scope of '{link.Id}'.");

    /// <summary>The listeners of a token that begins to wait at <paramref name="node"/>: the node itself, the catches after an event-based gateway, the boundary events.</summary>
    private void Subscribe(TokenState token, int node)
    {
        Unsubscribe(token);
        var description = Graph.Node(node);
        if (description.Kind is NodeKind.IntermediateCatchEvent or NodeKind.ReceiveTask)
        {
            Listen(token, node);
        }
        else if (description.Kind == NodeKind.EventBasedGateway)
        {
            foreach (var flow in Graph.Outgoing[node])
            {
                Listen(token, Graph.FlowTarget[flow]);
            }
        }

        foreach (var boundary in Graph.Boundaries[node])
        {
            Listen(token, boundary);
        }

        // A looped sub-process's event sub-processes listen per element (ListenInElement).
        if (description.Kind is NodeKind.SubProcess or NodeKind.Transaction && description.Loop is null && Graph.EventSubProcessStarts.TryGetValue(description.Id, out var starts))
        {
            foreach (var start in starts)
            {
                Listen(token, start);
            }
        }
    }

    private void Listen(TokenState token, int node, int? elementScope = null)
    {
        var description = Graph.Node(node);
        if (description.EventKind == EventKind.Conditional)
        {
            ListenForCondition(token, description, elementScope);
            return;
        }

        if (description.EventKind is not (EventKind.Message or EventKind.Signal) || description.EventName is not { } name)
        {
            return;   // errors and escalations are thrown, not awaited; timers are jobs
        }

        var subscription = new SubscriptionState
        {
            TokenId = token.Id,
            NodeId = description.Id,
            Kind = description.EventKind,
            Name = name,
            ScopeId = elementScope,
        };

        // The key is fixed when the wait starts; inside a scope with inputs it sees them (as conditions do).
        subscription.CorrelationKey = description.EventKind == EventKind.Message ? _process.CorrelationKey(node, _state.Data, ScopeSeen(ListenerScope(subscription, node))) : null;
        _state.Subscriptions.Add(subscription);
    }

    private void Unsubscribe(TokenState token)
    {
        if (_state.HasSubscriptions)
        {
            // Captured here, not as the parameter: a closure over a parameter is made on every call.
            var tokenId = token.Id;
            _state.Subscriptions.RemoveAll(s => s.TokenId == tokenId);
        }
    }

    /// <summary>Listeners whose token has gone (its scope was cancelled or terminated, the instance ended).</summary>
    private void DropStaleSubscriptions()
    {
        if (_state.HasSubscriptions)
        {
            // Token 0 is the process itself: its event sub-processes listen while anything runs.
            _state.Subscriptions.RemoveAll(s => s.TokenId == 0 ? _state.Tokens.Count == 0 : !_state.Tokens.Exists(t => t.Id == s.TokenId) || ElementGone(s.ScopeId));
        }
    }

    /// <summary>A signal thrown here reaches this instance's listeners now; <see cref="FlowInstance{TData}.ThrownSignals"/> tells a host to broadcast it further.</summary>
    private void ThrowSignal(NodeDescription thrower)
    {
        var name = thrower.EventName ?? thrower.Id;
        (_state.ThrownSignals ??= new()).Add(name);
        foreach (var subscription in Matching(EventKind.Signal, name, null).ToList())
        {
            Deliver(subscription, null);
        }
    }

    /// <summary>The subscriptions a message or signal reaches: by kind and name, and for a message by key (a null on either side matches any).</summary>
    public List<SubscriptionState> Matching(EventKind kind, string name, string? correlationKey) =>
        _state.Subscriptions.Where(s => s.Kind == kind && s.Name == name
            && (kind == EventKind.Signal || s.CorrelationKey is null || correlationKey is null || s.CorrelationKey == correlationKey)).ToList();

    /// <summary>
    /// Delivers a message or signal to the instance: the first matching subscription for a
    /// message, every one for a signal. False (and nothing changed) when none matches.
    /// </summary>
    public async ValueTask<int> DeliverAsync(FlowInstance<TData> instance, EventKind kind, string name, string? correlationKey, Func<NodeDescription, Action<TData>?> payload, CancellationToken cancellationToken)
    {
        _instance = instance;
        if (_state.Status != InstanceStatus.Waiting)
        {
            return 0;
        }

        var matching = Matching(kind, name, correlationKey);
        if (kind == EventKind.Message && matching.Count > 1)
        {
            matching.RemoveRange(1, matching.Count - 1);
        }

        // Outputs are read (and refused) before anything changes.
        var outputs = matching.Select(s => payload(Graph.Node(Graph.NodeIndex[s.NodeId]))).ToList();
        var delivered = 0;
        for (var i = 0; i < matching.Count; i++)
        {
            if (_state.Subscriptions.Contains(matching[i]))
            {
                outputs[i]?.Invoke(_state.Data);
                Deliver(matching[i], null);
                delivered++;
            }
        }

        if (delivered > 0)
        {
            await RunAsync(instance, cancellationToken).ConfigureAwait(false);
        }

        return delivered;
    }

    /// <summary>The event happened at the subscription's node: the token waiting there moves on (see <see cref="Catch"/> for boundary events).</summary>
    private void Deliver(SubscriptionState subscription, Action<TData>? output)
    {
        var node = Graph.NodeIndex[subscription.NodeId];
        var description = Graph.Node(node);
        if (description.Kind == NodeKind.StartEvent)
        {
            output?.Invoke(_state.Data);
            TriggerEventSubProcess(subscription.TokenId, node, subscription.ScopeId);
            return;
        }

        var token = _state.Tokens.FirstOrDefault(t => t.Id == subscription.TokenId);
        if (token is null)
        {
            _state.Subscriptions.Remove(subscription);
            return;
        }

        output?.Invoke(_state.Data);
        if (description.Kind == NodeKind.BoundaryEvent)
        {
            Catch(token, node);
            return;
        }

        if (ReceivedElement(token, node))
        {
            return;
        }

        if (token.NodeId != description.Id || description.Kind == NodeKind.IntermediateCatchEvent)
        {
            // A catch event (also one after an event-based gateway, which drops the gateway's other listeners).
            token.NodeId = description.Id;
            Took(description);
        }

        Leave(token, Next(node, token));
    }
}
