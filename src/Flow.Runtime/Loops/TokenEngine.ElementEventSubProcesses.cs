using System;

namespace Flow;

/// <summary>
/// Event sub-processes inside a looped sub-process: each element is a scope of its own, and so
/// are its event sub-processes (as in Camunda, where each inner activity instance of a
/// multi-instance body is a scope execution with its own event subscriptions). Their message,
/// signal and conditional starts listen, and their timer starts run, from the moment the element
/// starts until its scope ends (completed, cancelled by a completion condition, a boundary event
/// or an interrupting event sub-process); each listener carries the element's scope
/// (<see cref="SubscriptionState.ScopeId"/>, <see cref="TimerState.ScopeId"/>), so a trigger
/// starts the event sub-process in that element only. Errors and escalations thrown inside an
/// element reach its event sub-processes first (<see cref="ThrowError"/> walks the scopes).
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>The event sub-process starts of element <paramref name="scopeId"/> of the looped sub-process <paramref name="body"/> that <paramref name="owner"/> waits at.</summary>
    private void ListenInElement(TokenState owner, NodeDescription body, int scopeId)
    {
        if (!Graph.EventSubProcessStarts.TryGetValue(body.Id, out var starts))
        {
            return;
        }

        foreach (var start in starts)
        {
            if (Graph.Node(start).EventKind == EventKind.Timer)
            {
                AddTimer(owner.Id, Graph.Node(start).Id, body.Id, _process.TimerDue(start, _state.Data), fired: 0, scopeId);
            }
            else
            {
                Listen(owner, start, scopeId);
            }
        }
    }

    /// <summary>The element scope <paramref name="scopeId"/> ended: its event sub-process listeners and timers go with it.</summary>
    private void DropElementListeners(int scopeId)
    {
        if (_state.Subscriptions.Count > 0)
        {
            _state.Subscriptions.RemoveAll(s => s.ScopeId == scopeId);
        }

        if (_state.Timers is { } timers)
        {
            timers.RemoveAll(t => t.ScopeId == scopeId);
            if (timers.Count == 0)
            {
                _state.Timers = null;
            }
        }
    }

    /// <summary>Whether a listener or timer belongs to an element scope that is gone.</summary>
    private bool ElementGone(int? scopeId) => scopeId is { } id && !_state.Scopes.Exists(s => s.Id == id);
}
