using System;
using System.Linq;

namespace Flow;

/// <summary>
/// Conditional events on the token engine: an intermediate catch, a boundary event or an event
/// sub-process start whose C# condition over the data is re-evaluated when data changes. Each
/// waiting one is a <see cref="SubscriptionState"/> of kind <see cref="EventKind.Conditional"/>
/// (saved with the state, never indexed by a store); every run step that has nothing left to move
/// evaluates them all and fires those that hold (a non-interrupting one only when it turns true).
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>A token reaches a conditional catch: it passes at once when the condition holds, else it waits.</summary>
    private void ExecuteConditionalCatch(TokenState token, int node, NodeDescription description)
    {
        if (_process.EvaluateEventCondition(node, _state.Data, ScopeSeen(token.ScopeId)))
        {
            Took(description);
            Leave(token, Next(node, token));
            return;
        }

        token.Wait = TokenWait.Event;
        Subscribe(token, node);
    }

    private void ListenForCondition(TokenState token, NodeDescription description, int? elementScope = null) =>
        _state.Subscriptions.Add(new SubscriptionState { TokenId = token.Id, NodeId = description.Id, Kind = EventKind.Conditional, ScopeId = elementScope });

    /// <summary>
    /// Evaluates every waiting conditional listener and fires those that hold (a non-interrupting
    /// boundary or event sub-process start only on a false-to-true change). True when one fired,
    /// so the run goes on; a condition that throws fails the instance at its event.
    /// </summary>
    private bool FireHeldConditions()
    {
        if (!_state.HasSubscriptions)
        {
            return false;
        }

        DropStaleSubscriptions();
        var fired = false;
        foreach (var subscription in _state.Subscriptions.Where(s => s.Kind == EventKind.Conditional).ToList())
        {
            if (!_state.Subscriptions.Contains(subscription))
            {
                continue;   // an earlier one interrupted its activity or scope
            }

            var node = Graph.NodeIndex[subscription.NodeId];
            bool holds;
            try
            {
                holds = _process.EvaluateEventCondition(node, _state.Data, ScopeSeen(ListenerScope(subscription, node)));
            }
            catch (Exception ex)
            {
                _state.EndAllTokens(InstanceStatus.Failed, FailureState.Of(subscription.NodeId, ex));
                _instance!.Exception = ex;
                return false;
            }

            var turnedTrue = holds && !subscription.ConditionHeld;
            subscription.ConditionHeld = holds;
            var description = Graph.Node(node);
            var repeats = description.Kind is NodeKind.BoundaryEvent or NodeKind.StartEvent && !description.Interrupting;
            if (repeats ? turnedTrue : holds)
            {
                Deliver(subscription, null);
                fired = true;
            }
        }

        return fired;
    }
}
