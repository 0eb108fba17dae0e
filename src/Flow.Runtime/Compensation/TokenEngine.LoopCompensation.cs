using System.Collections.Generic;

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
        var facts = Graph.Compensation;
        if (!facts.Any || !facts.Compensable[node] || Graph.Node(node).Kind is NodeKind.SubProcess or NodeKind.Transaction
            || _state.Tokens.Find(t => t.Id == loop.TokenId) is not { } token)
        {
            return;
        }

        (_state.Compensable ??= new()).Add(new CompensableState
        {
            NodeId = loop.NodeId, ScopeId = token.ScopeId, LoopCounter = index, Element = _process.SaveLoopElement(node, _state.Data, ScopeSeen(new LoopInfo(index, loop.Instances, 0, loop.Completed), token.ScopeId)),
        });
    }

    /// <summary>The element scope of a looped sub-process completed: recorded with its scope, or its records go when nothing can compensate it.</summary>
    private void ElementScopeCompensable(ScopeState scope, TokenState parent, int index)
    {
        var facts = Graph.Compensation;
        if (!facts.Any)
        {
            return;
        }

        if (facts.Compensable[Graph.NodeIndex[scope.NodeId]])
        {
            (_state.Compensable ??= new()).Add(new CompensableState
            {
                NodeId = scope.NodeId, ScopeId = parent.ScopeId, InnerScopeId = scope.Id, LoopCounter = index, ScopeInputs = ScopeInputsRecord(scope),
                Element = _process.SaveLoopElement(Graph.NodeIndex[scope.NodeId], _state.Data, ScopeSeen(new LoopInfo(index, 0, 0, 0), parent.ScopeId)),
            });
        }
        else
        {
            ForgetCompensable(scope.Id);
        }
    }

    /// <summary>
    /// What completed inside element scope <paramref name="element"/> of the looped sub-process or
    /// transaction <paramref name="host"/>, compensated after that scope is gone (a cancelled
    /// transaction element): the handlers see that element, as saved now.
    /// </summary>
    private List<CompensableState> InElement(List<CompensableState> records, ScopeState element, int host) =>
        element.LoopCounter is { } counter ? InElement(records, counter, _process.SaveLoopElement(host, _state.Data, ScopeSeen(new LoopInfo(counter, 0, 0, 0), element.ParentScopeId))) : records;

    /// <summary>What completed inside the completed looped sub-process element <paramref name="element"/>: its handlers see that element.</summary>
    private static List<CompensableState> InElement(List<CompensableState> records, CompensableState element)
    {
        InheritScopeInputs(records, element.ScopeInputs);
        return element.LoopCounter is { } counter ? InElement(records, counter, element.Element) : records;
    }

    /// <summary>Records of activities that are not looped themselves take the element of the loop around them.</summary>
    private static List<CompensableState> InElement(List<CompensableState> records, int counter, string? element)
    {
        foreach (var record in records)
        {
            if (record.LoopCounter is null)
            {
                record.LoopCounter = counter;
                record.Element = element;
            }
        }

        return records;
    }

    /// <summary>
    /// In the scope a compensation runs in, the handler of a compensated element sees that
    /// element's loopCounter in <see cref="TaskContext{TData}.Loop"/> (the counts are 0: the loop has
    /// ended) and the element saved when it completed (generated code reads it as the element variable).
    /// </summary>
    private static LoopInfo? CompensatedElement(ScopeState scope) =>
        scope.Compensating is { Count: > 0 } work && work[0].LoopCounter is { } counter
            ? new LoopInfo(counter, 0, 0, 0) { SavedElement = work[0].Element }
            : null;
}
