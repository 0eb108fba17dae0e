using System;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// Call activities on the token engine: the token waits while the called instance runs. The
/// engine (FlowEngine) starts the called instance from <see cref="InstanceState{TData}.CallRequests"/>
/// and reports back how it ended (<see cref="EndCallAsync"/>); a call whose token is gone
/// (interrupted, terminated) is abandoned, and the engine aborts its called instance.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    private void Call(TokenState token, int node, NodeDescription description)
    {
        var call = description.Call ?? throw new FlowExecutionException(description.Id, $"Call activity '{description.Id}' has no calledElement.");
        var timers = AttachedTimerDues(node, token);

        // Computed first: an input parameter or sourceExpression that throws leaves the token before the node, to retry.
        // The call's input parameters come before its in mappings, which see them (camunda:inputOutput, as Camunda runs it).
        // Both see the inputs of the sub-processes around the call; the in mappings the call's own too, under its id.
        var around = LoopAround(token);
        var inputs = _process.SaveInputs(node, _state.Data, around);
        var seen = inputs is null ? around : new LoopInfo(around, id => id == description.Id ? inputs : around.ScopeInputs(id));
        var input = CallData.Input(call, _state.Data, _instance!.DataToJson(), (expression, data) => _process.EvaluateCallInput(expression, data, seen));
        token.Inputs = inputs;
        Took(description);
        token.Wait = TokenWait.Call;
        Subscribe(token, node);
        StartAttachedTimers(token, node, timers);
        var childId = Guid.NewGuid().ToString("N");
        (_state.Calls ??= new()).Add(new CallState { TokenId = token.Id, NodeId = description.Id, ChildInstanceId = childId });
        (_state.CallRequests ??= new()).Add(new CallRequest(childId, description.Id, call, input));
    }

    /// <summary>A call whose token has moved on or is gone is abandoned (its called instance is to be aborted).</summary>
    private void DropLeftCalls()
    {
        if (_state.Calls is not { } calls)
        {
            return;
        }

        for (var i = calls.Count - 1; i >= 0; i--)
        {
            var call = calls[i];
            if (!_state.Tokens.Exists(t => t.Id == call.TokenId && t.NodeId == call.NodeId && t.Wait == TokenWait.Call))
            {
                calls.RemoveAt(i);
                (_state.AbandonedCalls ??= new()).Add(call.ChildInstanceId);
            }
        }

        if (calls.Count == 0)
        {
            _state.Calls = null;
        }
    }

    /// <summary>
    /// The called instance <paramref name="childId"/> ended: completed (its data as JSON, mapped
    /// back by the out mappings), with an uncaught BPMN error (thrown at the call activity, where
    /// a boundary event may catch it), or otherwise (the call fails the instance). False, with
    /// nothing changed, when no token waits on that call any more.
    /// </summary>
    public async ValueTask<bool> EndCallAsync(FlowInstance<TData> instance, string childId, CallEnd end, CancellationToken cancellationToken)
    {
        var call = _state.Calls?.Find(c => c.ChildInstanceId == childId);
        var token = call is null ? null : _state.Tokens.Find(t => t.Id == call.TokenId && t.NodeId == call.NodeId && t.Wait == TokenWait.Call);
        if (call is null || token is null || _state.Status != InstanceStatus.Waiting)
        {
            return false;
        }

        _instance = instance;
        var node = Graph.NodeIndex[call.NodeId];
        var description = Graph.Node(node);
        switch (end.Kind)
        {
            case CallEndKind.Completed:
                // Read whole before anything is set: an output the data cannot take fails the instance here, at the call.
                Action<TData>? output;
                try
                {
                    output = CallData.Output(description, instance.Id, end.DataJson!, _process.DataJson);
                }
                catch (FlowInstanceException ex)
                {
                    RemoveCall(call);
                    _state.EndAllTokens(InstanceStatus.Failed, new FailureState { NodeId = description.Id, Kind = FailureState.CallFailed, Message = ex.Message });
                    return true;
                }

                RemoveCall(call);
                if (!ElementCallCompleted(call, token, node, output))
                {
                    output?.Invoke(_state.Data);
                    token.Wait = TokenWait.None;
                    Leave(token, Next(node, token));
                }

                break;

            case CallEndKind.Error:
                RemoveCall(call);
                if (!ThrowError(token, node, end.Code!, escalation: false))
                {
                    ErrorUncaught(description.Id, end.Code!, null);
                    return true;
                }

                break;

            case CallEndKind.Escalation:
                // The call goes on unless an interrupting boundary takes the token away (then the call is abandoned).
                if (!ThrowError(token, node, end.Code!, escalation: true))
                {
                    EscalationUncaught(end.Code!);
                }

                break;

            default:
                RemoveCall(call);
                _state.EndAllTokens(InstanceStatus.Failed, new FailureState
                {
                    NodeId = description.Id,
                    Kind = FailureState.CallFailed,
                    Message = $"{InstanceErrors.CalledInstanceFailed}: the instance {childId} called by '{description.Id}' ended without completing ({end.Code}).",
                });
                return true;
        }

        await RunAsync(instance, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>An escalation nothing in this instance caught: a called instance hands it to its call activity.</summary>
    private void EscalationUncaught(string code)
    {
        if (_state.CalledBy is not null)
        {
            (_state.UncaughtEscalations ??= new()).Add(code);
        }
    }

    private void RemoveCall(CallState call)
    {
        _state.Calls!.Remove(call);
        if (_state.Calls.Count == 0)
        {
            _state.Calls = null;
        }
    }
}

/// <summary>How a called instance ended, as its caller is told.</summary>
internal enum CallEndKind
{
    Completed,
    Error,
    Escalation,
    Failed,
}

/// <summary>How a called instance ended: its data (completed), the error or escalation code, or why it failed.</summary>
internal sealed record CallEnd(CallEndKind Kind, string? DataJson, string? Code);
