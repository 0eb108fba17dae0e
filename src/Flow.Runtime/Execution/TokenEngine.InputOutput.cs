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
        token.Inputs = _process.HasInputParameters ? _process.SaveInputs(node, _state.Data, LoopAround(token)) : null;

    private void ApplyWaitOutputs(TokenState token, int node)
    {
        if (token.Inputs is not { } inputs)
        {
            // A catch event after an event-based gateway starts when its event arrives: its inputs now, then its outputs.
            if (Graph.Node(node).Kind != NodeKind.IntermediateCatchEvent || !_process.HasInputParameters || _process.SaveInputs(node, _state.Data, LoopAround(token)) is not { } now)
            {
                return;
            }

            inputs = now;
        }

        token.Inputs = null;
        if (token.NodeId == Graph.Node(node).Id)
        {
            _process.ApplyOutputs(node, _state.Data, inputs, LoopAround(token));
        }
    }

    /// <summary>An end event: its inputs, then its outputs (a message end event's handler runs between them in its generated runner).</summary>
    private void ApplyEndParameters(TokenState token, int node)
    {
        if (!_process.HasInputParameters)
        {
            return;
        }

        var loop = LoopAround(token);
        if (_process.SaveInputs(node, _state.Data, loop) is { } inputs)
        {
            _process.ApplyOutputs(node, _state.Data, inputs, loop);
        }
    }

    private LoopInfo LoopAround(TokenState token) => token.ScopeId == 0 ? default : EnclosingLoop(token.ScopeId);

    /// <summary>
    /// <paramref name="loop"/> with the saved inputs of the sub-processes around scope
    /// <paramref name="scopeId"/> (each kept by the token waiting at its sub-process), when any has some.
    /// </summary>
    private LoopInfo WithScopeInputs(LoopInfo loop, int scopeId)
    {
        var any = false;
        for (var id = scopeId; id != 0 && !any;)
        {
            var scope = _state.Scopes.Find(s => s.Id == id);
            if (scope is null)
            {
                break;
            }

            any = SavedScopeInputs(scope) is not null || scope.Compensating is { Count: > 0 } work && work[0].ScopeInputs is not null;
            id = scope.ParentScopeId;
        }

        return any ? new LoopInfo(loop, subProcessId => ScopeInputsOf(scopeId, subProcessId)) : loop;
    }

    /// <summary>The saved inputs of the innermost scope of <paramref name="subProcessId"/> around <paramref name="scopeId"/>.</summary>
    private string? ScopeInputsOf(int scopeId, string subProcessId)
    {
        for (var id = scopeId; id != 0;)
        {
            var scope = _state.Scopes.Find(s => s.Id == id);
            if (scope is null)
            {
                return null;
            }

            if (scope.NodeId == subProcessId)
            {
                return SavedScopeInputs(scope);
            }

            if (CompensatedScopeInputs(scope, subProcessId) is { } compensated)
            {
                return compensated;   // a handler run after its sub-process completed: the inputs it completed with
            }

            id = scope.ParentScopeId;
        }

        return null;
    }

    /// <summary>
    /// The saved inputs of a scope: a plain sub-process's with the token waiting at it, an element
    /// of a looped one's in the loop's state by its index.
    /// </summary>
    private string? SavedScopeInputs(ScopeState scope) =>
        scope.Compensating is not null ? null   // its token is the compensation throw's, not a sub-process's
        : scope.LoopCounter is { } index
            ? _state.Loops?.Find(l => l.TokenId == scope.ParentTokenId && l.NodeId == scope.NodeId)?.Inputs is { } saved && saved.TryGetValue(index, out var inputs) ? inputs : null
            : _state.Tokens.Find(t => t.Id == scope.ParentTokenId)?.Inputs;

    /// <summary>
    /// A loop or multi-instance wait state: the inputs of the elements that start to wait now (every
    /// element of a parallel multi-instance, else the next one), each with its own loop variables,
    /// kept by element index in the loop's state.
    /// </summary>
    private void SaveElementInputs(int node, LoopState loop, LoopDescription shape)
    {
        var first = shape.Type == LoopType.ParallelMultiInstance ? 0 : loop.Completed;
        var last = shape.Type == LoopType.ParallelMultiInstance ? loop.Instances - 1 : loop.Completed;
        for (var index = first; index <= last; index++)
        {
            if (_process.SaveInputs(node, _state.Data, WithScopeInputs(Info(loop, shape, index), ScopeOfLoop(loop))) is not { } inputs)
            {
                return;   // the node has no parameters: nothing is kept for any element
            }

            (loop.Inputs ??= new()).Add(index, inputs);
        }
    }

    private int ScopeOfLoop(LoopState loop) => _state.Tokens.Find(t => t.Id == loop.TokenId)?.ScopeId ?? 0;

    /// <summary>Writes the outputs of element <paramref name="index"/> with its saved inputs and loop variables (before it counts as completed).</summary>
    private void ApplyElementOutputs(int node, LoopState loop, LoopDescription shape, int index)
    {
        if (loop.Inputs is not { } saved || !saved.TryGetValue(index, out var inputs))
        {
            return;
        }

        saved.Remove(index);
        if (saved.Count == 0)
        {
            loop.Inputs = null;
        }

        _process.ApplyOutputs(node, _state.Data, inputs, WithScopeInputs(Info(loop, shape, index), ScopeOfLoop(loop)));
    }
}
