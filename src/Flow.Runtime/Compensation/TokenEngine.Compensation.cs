using System.Collections.Generic;
using System.Linq;

namespace Flow;

/// <summary>
/// Compensation and transactions on the token engine. An activity with a compensation handler
/// (and a sub-process holding such activities) is recorded when it completes, with its scope
/// instance. A compensation throw or end event takes the records of its scope (or of its
/// activityRef) and starts their handlers all at once, each in a scope of its own, latest
/// completed first, while the throwing token waits for all of them; a completed sub-process is compensated by its
/// handler, else by its compensation event sub-process, else by compensating what completed
/// inside it. A cancel end event cancels its transaction, compensates what completed inside it,
/// then leaves by the transaction's cancel boundary event.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>An activity left normally: recorded when it can be compensated (sub-processes: <see cref="SubProcessCompleted"/>).</summary>
    private void ActivityCompleted(TokenState token)
    {
        var facts = Graph.Compensation;
        // A loop's elements are recorded one by one as they complete (ElementCompensable).
        if (facts.Any && Graph.NodeIndex.TryGetValue(token.NodeId, out var node) && facts.Compensable[node]
            && Graph.Node(node).Kind is not (NodeKind.SubProcess or NodeKind.Transaction) && Graph.Node(node).Loop is null)
        {
            (_state.Compensable ??= new()).Add(new CompensableState { NodeId = token.NodeId, ScopeId = token.ScopeId });
        }
    }

    /// <summary>A sub-process's scope ended normally: the sub-process is recorded with its scope, whose records stay for it; otherwise they go.</summary>
    private void SubProcessCompleted(ScopeState scope, TokenState parent)
    {
        var facts = Graph.Compensation;
        if (!facts.Any)
        {
            return;
        }

        if (facts.Compensable[Graph.NodeIndex[scope.NodeId]])
        {
            (_state.Compensable ??= new()).Add(new CompensableState { NodeId = scope.NodeId, ScopeId = parent.ScopeId, InnerScopeId = scope.Id, ScopeInputs = ScopeInputsRecord(scope) });
        }
        else
        {
            ForgetCompensable(scope.Id);
        }
    }

    /// <summary>A compensation intermediate throw or end event: compensates its activityRef, or everything completed in its scope.</summary>
    private void ThrowCompensation(TokenState token, NodeDescription thrower)
    {
        Took(thrower);
        var target = CompensatedScope(token.ScopeId);
        StartCompensation(token, target < 0 ? new List<CompensableState>() : TakeCompensable(target, thrower.EventName));
    }

    /// <summary>
    /// A cancel end event: the transaction's content ends, what completed inside it is compensated,
    /// and then its token leaves by the transaction's cancel boundary event.
    /// </summary>
    private void CancelTransaction(TokenState token, NodeDescription end)
    {
        var transaction = _state.Scopes.First(s => s.Id == token.ScopeId);
        var host = Graph.NodeIndex[transaction.NodeId];
        var boundary = Graph.Boundaries[host].Select(b => Graph.Node(b)).FirstOrDefault(b => b.EventKind == EventKind.Cancel)
            ?? throw new FlowExecutionException(end.Id, $"{CompensationErrors.NoCancelBoundary}: the cancel end event '{end.Id}' cancels '{transaction.NodeId}', which has no cancel boundary event to leave by.");
        Took(end);
        var completed = InheritScopeInputs(InElement(TakeCompensable(transaction.Id, null), transaction, host), ScopeInputsRecord(transaction));
        var parent = _state.Tokens.First(t => t.Id == transaction.ParentTokenId);
        CancelActivity(parent);
        parent.NodeId = boundary.Id;
        parent.ArrivedBy = null;
        StartCompensation(parent, completed);
    }

    /// <summary>
    /// The scope instance whose completed activities a throw in <paramref name="scopeId"/>
    /// compensates: its own; for a throw in an event sub-process, the scope the event sub-process
    /// runs in; for a compensation event sub-process, the sub-process it compensates. -1: none.
    /// </summary>
    private int CompensatedScope(int scopeId)
    {
        while (scopeId != 0)
        {
            var scope = _state.Scopes.First(s => s.Id == scopeId);
            if (scope.Compensating is { } running)
            {
                return running.Count > 0 && running[0].InnerScopeId != 0 ? running[0].InnerScopeId : -1;
            }

            if (!Graph.NodeIndex.TryGetValue(scope.NodeId, out var node) || !Graph.Node(node).TriggeredByEvent)
            {
                return scopeId;
            }

            scopeId = scope.ParentScopeId;
        }

        return 0;
    }

    /// <summary>Takes the records of <paramref name="scopeId"/> (of <paramref name="activity"/> only, when given) out of the instance's, latest first.</summary>
    private List<CompensableState> TakeCompensable(int scopeId, string? activity)
    {
        var taken = new List<CompensableState>();
        if (_state.Compensable is not { } records)
        {
            return taken;
        }

        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (records[i].ScopeId == scopeId && (activity is null || records[i].NodeId == activity))
            {
                taken.Add(records[i]);
                records.RemoveAt(i);
            }
        }

        if (records.Count == 0)
        {
            _state.Compensable = null;
        }

        return taken;
    }

    /// <summary>
    /// The token waits while <paramref name="work"/> (latest completed first) is compensated; with
    /// nothing to do it goes on at once. As in Camunda (a concurrent execution per handler in 7,
    /// all handlers at once in 8), every handler starts at once in a compensation scope of its own:
    /// their tokens stand latest completed first, so a handler that runs code runs to its end
    /// before the next one starts, and one that waits (a user task) does not hold the others back.
    /// A sub-process without handler is replaced, in its scope, by what completed inside it, one
    /// after another.
    /// </summary>
    private void StartCompensation(TokenState token, List<CompensableState> work)
    {
        token.Wait = TokenWait.Compensation;
        var started = false;
        // Each handler's token goes right after the waiting token: inserted last to first, the latest completed stands first.
        for (var i = work.Count - 1; i >= 0; i--)
        {
            var scope = new ScopeState { Id = ++_state.NextId, NodeId = token.NodeId, ParentTokenId = token.Id, ParentScopeId = token.ScopeId, Compensating = new List<CompensableState> { work[i] } };
            _state.Scopes.Add(scope);
            if (StartNextHandler(scope))
            {
                started = true;
            }
            else
            {
                _state.Scopes.Remove(scope);
            }
        }

        if (!started)
        {
            CompensationDone(token);
        }
    }

    /// <summary>
    /// Starts the handler of the first activity left in <paramref name="scope"/>; a sub-process
    /// without handler or compensation event sub-process is replaced by what completed inside it.
    /// False when nothing is left.
    /// </summary>
    private bool StartNextHandler(ScopeState scope)
    {
        var facts = Graph.Compensation;
        var work = scope.Compensating!;
        while (work.Count > 0)
        {
            var next = work[0];
            if (Graph.NodeIndex.TryGetValue(next.NodeId, out var node))
            {
                var start = facts.Handler[node] >= 0 ? facts.Handler[node] : facts.EventSubProcess[node];
                if (start >= 0)
                {
                    var owner = _state.Tokens.FindIndex(t => t.Id == scope.ParentTokenId);
                    _state.Tokens.Insert(owner + 1, new TokenState { Id = ++_state.NextId, NodeId = Graph.Node(start).Id, ScopeId = scope.Id });
                    return true;
                }
            }

            work.RemoveAt(0);
            if (next.InnerScopeId != 0)
            {
                work.InsertRange(0, InElement(TakeCompensable(next.InnerScopeId, null), next));
            }
        }

        return false;
    }

    /// <summary>A compensation scope ran empty: the handler that ran is done; the next one starts, or the waiting token goes on.</summary>
    private void CompensationStepDone(ScopeState scope)
    {
        var work = scope.Compensating!;
        if (work.Count > 0)
        {
            ForgetCompensable(work[0].InnerScopeId);
            work.RemoveAt(0);
        }

        if (StartNextHandler(scope))
        {
            return;
        }

        _state.Scopes.Remove(scope);
        // The throw goes on when the last of its handlers' scopes is done.
        if (!_state.Scopes.Exists(s => s.ParentTokenId == scope.ParentTokenId && s.Compensating is not null))
        {
            CompensationDone(_state.Tokens.First(t => t.Id == scope.ParentTokenId));
        }
    }

    /// <summary>Everything compensated: a throw event goes on, an end event ends, a cancel boundary event runs (and leaves by its flows).</summary>
    private void CompensationDone(TokenState token)
    {
        token.Wait = TokenWait.None;
        var node = Graph.NodeIndex[token.NodeId];
        var description = Graph.Node(node);
        switch (description.Kind)
        {
            case NodeKind.BoundaryEvent:
                break;
            case NodeKind.EndEvent:
                End(token, description);
                break;
            default:
                Leave(token, Next(node, token));
                break;
        }
    }

    /// <summary>A scope instance ended for good (cancelled, or compensated): what completed in it can no longer be compensated.</summary>
    private void ForgetCompensable(int scopeId)
    {
        if (scopeId == 0 || _state.Compensable is null)
        {
            return;
        }

        foreach (var record in TakeCompensable(scopeId, null))
        {
            ForgetCompensable(record.InnerScopeId);
        }
    }

    /// <summary>A scope removed with its content (cancelled, terminated): its records go, and for a compensation in progress those of what it had left to do.</summary>
    private void ScopeRemoved(ScopeState scope)
    {
        if (!Graph.Compensation.Any)
        {
            return;
        }

        ForgetCompensable(scope.Id);
        foreach (var left in scope.Compensating ?? Enumerable.Empty<CompensableState>())
        {
            ForgetCompensable(left.InnerScopeId);
        }
    }

    /// <summary>Nothing is left to compensate once the instance has no token.</summary>
    private void DropLeftCompensable()
    {
        if (_state.Tokens.Count == 0)
        {
            _state.Compensable = null;
        }
    }
}
