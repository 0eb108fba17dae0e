namespace Flow;

/// <summary>
/// Compensation of loop and multi-instance activities, as Camunda does it: each completed element
/// is recorded on its own (with its loopCounter) when it completes, so compensating the activity
/// runs its handler once per completed element, latest completed first (a sequential one in
/// reverse element order; a parallel one in reverse order of completion). Elements that never
/// completed (cut off by the completion condition, cancelled) are not compensated. A looped
/// sub-process's element is recorded with its scope, whose own completed activities are
/// compensated when the element has no handler of its own.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>Element <paramref name="index"/> of the looped activity <paramref name="node"/> (not a sub-process: <see cref="ElementScopeCompensable"/>) completed.</summary>
    private void ElementCompensable(int node, LoopState loop, int index)
    {
        var facts = _graph.Compensation;
        if (!facts.Any || !facts.Compensable[node] || _graph.Node(node).Kind is NodeKind.SubProcess or NodeKind.Transaction
            || _state.Tokens.Find(t => t.Id == loop.TokenId) is not { } token)
        {
            return;
        }

        (_state.Compensable ??= new()).Add(new CompensableState { NodeId = loop.NodeId, ScopeId = token.ScopeId, LoopCounter = index });
    }

    /// <summary>The element scope of a looped sub-process completed: recorded with its scope, or its records go when nothing can compensate it.</summary>
    private void ElementScopeCompensable(ScopeState scope, TokenState parent, int index)
    {
        var facts = _graph.Compensation;
        if (!facts.Any)
        {
            return;
        }

        if (facts.Compensable[_graph.NodeIndex[scope.NodeId]])
        {
            (_state.Compensable ??= new()).Add(new CompensableState { NodeId = scope.NodeId, ScopeId = parent.ScopeId, InnerScopeId = scope.Id, LoopCounter = index });
        }
        else
        {
            ForgetCompensable(scope.Id);
        }
    }

    /// <summary>
    /// In the scope a compensation runs in, the handler of a compensated element sees that
    /// element's loopCounter in <see cref="TaskContext{TData}.Loop"/> (the counts are 0: the loop has ended).
    /// </summary>
    private static LoopInfo? CompensatedElement(ScopeState scope) =>
        scope.Compensating is { Count: > 0 } work && work[0].LoopCounter is { } counter ? new LoopInfo(counter, 0, 0, 0) : null;
}
