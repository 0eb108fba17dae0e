namespace Flow;

/// <summary>
/// Timer expressions, conditional event conditions and loop expressions inside sub-processes with
/// input parameters see those inputs (innermost scope first, as flow conditions do): the engine
/// hands the generated code a <see cref="LoopInfo"/> that reads the inputs saved in the state,
/// never evaluated again (so after a JSON round trip they are the values of when the scope started).
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>What an expression evaluated in scope instance <paramref name="scopeId"/> sees of the scopes around it.</summary>
    private LoopInfo ScopeSeen(int scopeId) => scopeId == 0 ? default : WithScopeInputs(default, scopeId);

    /// <summary><paramref name="loop"/> (a loop's own variables) with the inputs of the scopes around the loop's token.</summary>
    private LoopInfo ScopeSeen(LoopInfo loop, int scopeId) => scopeId == 0 ? loop : WithScopeInputs(loop, scopeId);

    /// <summary>
    /// The scope instance a conditional listener's condition is evaluated in: for an event
    /// sub-process start, the scope the event sub-process belongs to (an element's, or the one the
    /// sub-process token it waits with opened); else the scope of the token that waits.
    /// </summary>
    private int ListenerScope(SubscriptionState subscription, int node)
    {
        if (subscription.TokenId == 0)
        {
            return 0;
        }

        var token = _state.Tokens.Find(t => t.Id == subscription.TokenId);
        if (token is null)
        {
            return 0;
        }

        if (Graph.Node(node).Kind == NodeKind.StartEvent)
        {
            return subscription.ScopeId
                ?? _state.Scopes.Find(s => s.ParentTokenId == token.Id && s.NodeId == token.NodeId && s.Compensating is null)?.Id
                ?? token.ScopeId;
        }

        return token.ScopeId;
    }
}
