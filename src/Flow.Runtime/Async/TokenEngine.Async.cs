using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// Job boundaries (camunda:asyncBefore/asyncAfter). A token reaching one stops there
/// (<see cref="TokenWait.Async"/>) with a <see cref="ContinuationState"/>: the run ends as at a
/// wait state and the command saves the instance with a due job. The job goes on from the
/// boundary (<see cref="ContinueAsync"/>) in a run, and a save, of its own.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>The token that passes its asyncBefore boundary now (its job runs); 0 when none.</summary>
    private int _passingBefore;

    /// <summary>
    /// Before <paramref name="token"/> runs <paramref name="node"/>: when the node is asyncBefore
    /// and the token has not come through its job, it waits there for one. True when it waits.
    /// </summary>
    private bool WaitsBefore(TokenState token, int node)
    {
        if (Graph.Node(node).Async is not { Before: true })
        {
            return false;
        }

        if (_passingBefore == token.Id)
        {
            _passingBefore = 0;
            return false;
        }

        token.Wait = TokenWait.Async;
        AddContinuation(token, after: false, flows: null);
        return true;
    }

    /// <summary>
    /// As <paramref name="token"/> leaves its node by <paramref name="flows"/>: when the node is
    /// asyncAfter, it waits there for a job that takes those flows. True when it waits.
    /// </summary>
    private bool WaitsAfter(TokenState token, int[] flows)
    {
        if (!Graph.NodeIndex.TryGetValue(token.NodeId, out var node) || Graph.Node(node).Async is not { After: true })
        {
            return false;
        }

        var chosen = new List<string>(flows.Length);
        foreach (var flow in flows)
        {
            chosen.Add(Graph.Description.Flows[flow].Id);
        }

        token.Wait = TokenWait.Async;
        AddContinuation(token, after: true, chosen);
        return true;
    }

    private void AddContinuation(TokenState token, bool after, List<string>? flows)
    {
        // A number of the instance makes each arrival its own job: a fired job's id is never saved again.
        var jobId = _instance!.Id + "/async/" + token.NodeId + "/" + (++_state.NextId).ToString(CultureInfo.InvariantCulture);
        (_state.Continuations ??= new()).Add(new ContinuationState
        {
            JobId = jobId,
            NodeId = token.NodeId,
            TokenId = token.Id,
            After = after,
            Flows = flows,
            DueAt = _process.Clock.GetUtcNow(),
        });
    }

    /// <summary>
    /// Runs the job <paramref name="jobId"/>: its token goes on from the boundary (runs the node,
    /// or takes the flows chosen when the node completed) and the instance runs to its next wait
    /// state. False, with nothing changed, when no token waits there any more.
    /// </summary>
    public async ValueTask<bool> ContinueAsync(FlowInstance<TData> instance, string jobId, CancellationToken cancellationToken)
    {
        var continuation = _state.Continuations?.Find(c => c.JobId == jobId);
        var token = continuation is null ? null : _state.Tokens.Find(t => t.Id == continuation.TokenId && t.NodeId == continuation.NodeId && t.Wait == TokenWait.Async);
        if (continuation is null || token is null || _state.Status != InstanceStatus.Waiting)
        {
            return false;
        }

        _instance = instance;
        _state.Continuations!.Remove(continuation);
        token.Wait = TokenWait.None;
        if (!continuation.After)
        {
            _passingBefore = token.Id;
        }
        else
        {
            var flows = new int[continuation.Flows?.Count ?? 0];
            for (var i = 0; i < flows.Length; i++)
            {
                flows[i] = Graph.FlowIndex.TryGetValue(continuation.Flows![i], out var flow) ? flow
                    : throw new FlowExecutionException(continuation.NodeId, $"The flow '{continuation.Flows[i]}' the token chose at '{continuation.NodeId}' is not in this version of the process.");
            }

            Move(token, flows);   // left already: unsubscribed and recorded for compensation when it waited
        }

        await RunAsync(instance, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A continuation whose token is gone or has moved on (terminated, interrupted, aborted) goes, and with it its job.</summary>
    private void DropLeftContinuations()
    {
        if (_state.Continuations is not { } continuations)
        {
            return;
        }

        continuations.RemoveAll(c => !_state.Tokens.Exists(t => t.Id == c.TokenId && t.NodeId == c.NodeId && t.Wait == TokenWait.Async));
        if (continuations.Count == 0)
        {
            _state.Continuations = null;
        }
    }
}
