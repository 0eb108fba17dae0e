using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// Loop and multi-instance activities. One token stays at the activity for all its elements and
/// one <see cref="LoopState"/> counts them, so a multi-instance over n elements costs O(n) time
/// and O(1) state (a bit per element for a parallel wait state), never n tokens. Elements of
/// tasks that run code run in the order of their index (parallel ones too: handlers run one at a
/// time); elements of wait states wait all at once (parallel) or one after the other.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    private static bool Waits(NodeKind kind) => kind is NodeKind.UserTask or NodeKind.ReceiveTask or NodeKind.ManualTask;

    private LoopState? LoopOf(TokenState token) => _state.Loops?.Find(l => l.TokenId == token.Id && l.NodeId == token.NodeId);

    private async ValueTask ExecuteLoopAsync(TokenState token, int node, NodeDescription description, LoopDescription shape, CancellationToken cancellationToken)
    {
        var loop = LoopOf(token);
        if (loop is null)
        {
            loop = new LoopState { TokenId = token.Id, NodeId = description.Id, Type = shape.Type, Instances = -1 };
            var skip = shape.Type == LoopType.Standard
                ? shape.Maximum == 0 || (shape.TestBefore && !_process.LoopCondition(node, _state.Data, ScopeSeen(Info(loop, shape, 0), token.ScopeId)))
                : (loop.Instances = InstanceCount(node, description, token)) == 0;
            if (skip)
            {
                // An empty collection, a zero cardinality or a loop condition false before the first iteration: the activity is passed.
                Took(description);
                Leave(token, Graph.Outgoing[node]);
                return;
            }

            if (Waits(description.Kind))
            {
                // Evaluated before the loop is kept: an input that throws leaves the token before the node, to retry.
                SaveElementInputs(node, loop, shape);
            }

            (_state.Loops ??= new()).Add(loop);
            if (Waits(description.Kind))
            {
                var timers = AttachedTimerDues(node, token);
                Took(description);
                token.Wait = TokenWait.Task;
                Subscribe(token, node);
                StartAttachedTimers(token, node, timers);
                return;
            }
        }

        // Code runs element by element; a failure leaves the token before the activity with the
        // completed elements counted, so a retry goes on at the element that failed. A standard
        // loop whose condition never fails stops at the step limit, as a loop drawn with flows does.
        for (var steps = 0; ; steps++)
        {
            if (steps >= _process.Limits.MaxStepsPerRun)
            {
                StepLimitReached(description.Id, _process.Limits.MaxStepsPerRun);
                return;
            }

            var index = loop.Completed;
            cancellationToken.ThrowIfCancellationRequested();
            var info = Info(loop, shape, index);
            var context = new TaskContext<TData>(_instance!, description.Id) { Loop = token.ScopeId == 0 ? info : WithScopeInputs(info, token.ScopeId) };
            if (description.Kind == NodeKind.ScriptTask)
            {
                _process.RunScript(node, context);
            }
            else
            {
                await _process.InvokeHandlerAsync(node, context, cancellationToken).ConfigureAwait(false);
            }

            Took(description);
            if (ElementCompleted(node, loop, shape, index))
            {
                break;
            }
        }

        _state.Loops!.Remove(loop);
        Leave(token, Graph.Outgoing[node]);
    }

    private int InstanceCount(int node, NodeDescription description, TokenState token)
    {
        var count = _process.LoopInstances(node, _state.Data, ScopeSeen(token.ScopeId));
        return count >= 0 ? count : throw new FlowExecutionException(description.Id,
            $"{InstanceErrors.BadInstanceCount}: the multi-instance '{description.Id}' has {count} instances; its loopCardinality must not be below 0.");
    }

    /// <summary>Counts element <paramref name="index"/> as completed, gathers its output and tells whether the activity is done.</summary>
    private bool ElementCompleted(int node, LoopState loop, LoopDescription shape, int index)
    {
        if (shape.Type == LoopType.ParallelMultiInstance && Waits(Graph.Node(node).Kind))
        {
            loop.MarkDone(index);
        }

        loop.Completed++;
        ElementCompensable(node, loop, index);
        var scope = ScopeOfLoop(loop);
        var info = ScopeSeen(Info(loop, shape, index), scope);
        if (shape.Type == LoopType.Standard)
        {
            return loop.Completed >= shape.Maximum || !_process.LoopCondition(node, _state.Data, ScopeSeen(Info(loop, shape, loop.Completed), scope));
        }

        _process.GatherLoopOutput(node, _state.Data, info);
        return loop.Completed >= loop.Instances || _process.LoopCompletion(node, _state.Data, info);
    }

    private static LoopInfo Info(LoopState loop, LoopDescription shape, int index)
    {
        var active = shape.Type == LoopType.ParallelMultiInstance ? loop.Instances - loop.Completed : loop.Instances == loop.Completed ? 0 : 1;
        return new LoopInfo(index, loop.Instances, active, loop.Completed);
    }

    /// <summary>
    /// Completes element <paramref name="index"/> (null: the one waiting in a sequence) of the
    /// loop or multi-instance wait state at <paramref name="nodeId"/>. When the activity is done
    /// (every element, or its completion condition holds) the elements still waiting are
    /// withdrawn and the token moves on.
    /// </summary>
    public async ValueTask CompleteElementAsync(FlowInstance<TData> instance, string nodeId, int? index, System.Action<TData>? output, CancellationToken cancellationToken)
    {
        if (InElementBody(nodeId) is { } body)
        {
            // A plain wait state inside a looped sub-process: the token of that element moves on.
            var inner = WaitingInElement(instance, nodeId, body, index);
            _instance = instance;
            output?.Invoke(_state.Data);
            inner.Wait = TokenWait.None;
            Leave(inner, Next(Graph.NodeIndex[nodeId], inner));
            await RunAsync(instance, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (token, loop, shape, element) = WaitingElement(instance, nodeId, index);
        _instance = instance;
        output?.Invoke(_state.Data);
        var node = Graph.NodeIndex[nodeId];
        ApplyElementOutputs(node, loop, shape, element);
        if (ElementCompleted(node, loop, shape, element))
        {
            _state.Loops!.Remove(loop);
            token.Wait = TokenWait.None;
            Leave(token, Graph.Outgoing[node]);
        }
        else if (shape.IsSequential)
        {
            SaveElementInputs(node, loop, shape);
            Took(Graph.Node(node));
        }

        await RunAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The waiting element a completion names; FLOW6220/FLOW6221 (instance unchanged) when there is none.</summary>
    internal (TokenState Token, LoopState Loop, LoopDescription Shape, int Index) WaitingElement(FlowInstance<TData> instance, string nodeId, int? index)
    {
        if (InElementBody(nodeId) is { } body)
        {
            var inner = WaitingInElement(instance, nodeId, body, index);
            return (inner, null!, null!, index ?? 0);
        }

        var token = WaitingToken(instance, nodeId);
        var shape = Graph.Node(Graph.NodeIndex[nodeId]).Loop!;
        var loop = LoopOf(token) ?? throw new FlowInstanceException(InstanceErrors.ElementNotWaiting, instance.Id, nodeId,
            $"Instance {instance.Id} waits at '{nodeId}' but keeps no loop state for it.");
        var parallel = shape.Type == LoopType.ParallelMultiInstance;
        if (index is null && parallel)
        {
            throw new FlowInstanceException(InstanceErrors.ElementIndexRequired, instance.Id, nodeId,
                $"'{nodeId}' is a parallel multi-instance: complete one of its elements by index ({Describe(LoopState.Waiting(loop, parallel))} wait).");
        }

        var element = index ?? loop.Completed;
        if (!loop.IsWaitingAt(element, parallel))
        {
            throw new FlowInstanceException(InstanceErrors.ElementNotWaiting, instance.Id, nodeId,
                $"Element {element} of '{nodeId}' in instance {instance.Id} does not wait ({Describe(LoopState.Waiting(loop, parallel))} wait).");
        }

        return (token, loop, shape, element);
    }

    /// <summary>The indexes of the elements waiting at <paramref name="nodeId"/> (empty when none).</summary>
    public IReadOnlyList<int> WaitingElements(string nodeId)
    {
        if (InElementBody(nodeId) is { } body)
        {
            return WaitingInElements(nodeId, body);
        }

        if (!Graph.NodeIndex.TryGetValue(nodeId, out var node) || Graph.Node(node).Loop is not { } shape)
        {
            return System.Array.Empty<int>();
        }

        var result = new List<int>();
        foreach (var token in _state.Tokens.Where(t => t.NodeId == nodeId && t.Wait == TokenWait.Task))
        {
            if (LoopOf(token) is { } loop)
            {
                result.AddRange(LoopState.Waiting(loop, shape.Type == LoopType.ParallelMultiInstance));
            }
        }

        return result;
    }

    /// <summary>A loop whose token is gone or has moved on (interrupted, terminated) goes.</summary>
    private void DropLeftLoops()
    {
        if (_state.Loops is not { } loops)
        {
            return;
        }

        loops.RemoveAll(l => !_state.Tokens.Exists(t => t.Id == l.TokenId && t.NodeId == l.NodeId));
        if (loops.Count == 0)
        {
            _state.Loops = null;
        }
    }

    private static string Describe(int[] waiting) =>
        waiting.Length == 0 ? "no elements"
        : waiting.Length <= 10 ? "elements " + string.Join(", ", waiting)
        : "elements " + string.Join(", ", waiting.Take(10)) + " and " + (waiting.Length - 10) + " more";
}
