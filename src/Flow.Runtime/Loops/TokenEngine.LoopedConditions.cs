namespace Flow;

/// <summary>
/// Sequence-flow conditions inside a looped sub-process see the element of the scope their token
/// runs in (element variable, loopCounter and the counts), as its handlers and scripts do.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>Outside any sub-process no loop can be around the flow, so the scope walk is skipped.</summary>
    private bool EvaluateCondition(int flow, TokenState token) =>
        token.ScopeId == 0
            ? _process.EvaluateCondition(flow, _state.Data)
            : _process.EvaluateCondition(flow, _state.Data, EnclosingLoop(token.ScopeId));
}
