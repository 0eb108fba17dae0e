namespace Flow;

/// <summary>
/// camunda:inputOutput on wait states: the inputs are evaluated when the token arrives (a failure
/// leaves it before the node, to retry) and saved with it, so they survive the wait and the
/// instance's JSON; the outputs are written when it leaves the node by its outgoing flows, before
/// their conditions are evaluated. A token that leaves otherwise (interrupted, aborted) writes none.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    private void SaveWaitInputs(TokenState token, int node) =>
        token.Inputs = _process.SaveInputs(node, _state.Data, LoopAround(token));

    private void ApplyWaitOutputs(TokenState token, int node)
    {
        if (token.Inputs is not { } inputs)
        {
            return;
        }

        token.Inputs = null;
        if (token.NodeId == _graph.Node(node).Id)
        {
            _process.ApplyOutputs(node, _state.Data, inputs, LoopAround(token));
        }
    }

    private LoopInfo LoopAround(TokenState token) => token.ScopeId == 0 ? default : EnclosingLoop(token.ScopeId);
}
