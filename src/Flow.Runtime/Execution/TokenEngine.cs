using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// Moves an instance's tokens through its graph until every token waits or is gone. Tokens
/// run one at a time, the earliest runnable first, so a branch runs on until it waits.
/// A handler that throws leaves its token before the node and fails the instance.
/// </summary>
internal sealed partial class TokenEngine<TData>
    where TData : class
{
    private readonly FlowProcess<TData> _process;
    private readonly InstanceState<TData> _state;
    private FlowInstance<TData>? _instance;

    /// <summary>The process's graph (read through the process rather than kept: one field less in an object made per command).</summary>
    private ExecutableGraph Graph => _process.Graph;

    public TokenEngine(FlowProcess<TData> process, InstanceState<TData> state)
    {
        _process = process;
        _state = state;
    }

    public static void PlaceStartTokens(ExecutableGraph graph, InstanceState<TData> state)
    {
        var starts = graph.ProcessStarts;
        if (starts.Length == 0 && HasOtherStartEvents(graph.Description))
        {
            throw new InvalidOperationException(
                $"Process '{graph.Description.Key}' has no blank start event but several message, signal, timer or conditional start events: start it by a message or signal (FlowEngine.CorrelateAsync, FlowEngine.SignalAsync), by its start conditions (FlowEngine.EvaluateStartConditionsAsync) or at one of them (StartAtAsync).");
        }

        // Sized exactly: most processes have one start event, and the list's default first growth is to four.
        var tokens = state.Tokens = new List<TokenState>(starts.Length);
        foreach (var start in starts)
        {
            tokens.Add(new TokenState { Id = ++state.NextId, NodeId = graph.Node(start).Id, ScopeId = 0 });
        }

        ListenForProcessEventSubProcesses(graph, state);
    }

    /// <summary>A method of its own: a lambda over a parameter of PlaceStartTokens would make a closure on every start.</summary>
    private static bool HasOtherStartEvents(ProcessDescription process) =>
        process.Nodes.Any(n => n.Kind == NodeKind.StartEvent && n.ScopeId == process.Key);

    public ValueTask CompleteAsync(FlowInstance<TData> instance, string nodeId, Action<TData>? output, CancellationToken cancellationToken) =>
        CompleteAsync(instance, nodeId, Graph.NodeIndex.TryGetValue(nodeId, out var node) ? node : -1, waiting: null, output, cancellationToken);

    /// <summary>
    /// Completes <paramref name="nodeId"/> (at index <paramref name="node"/>, -1 when the graph has
    /// no such node); <paramref name="waiting"/> is the token <see cref="WaitingToken"/> found for
    /// it just before, when the caller already looked (a completion with JSON output does, so a
    /// node where nothing waits is reported before its output is read): not looked for again.
    /// </summary>
    public async ValueTask CompleteAsync(FlowInstance<TData> instance, string nodeId, int node, TokenState? waiting, Action<TData>? output, CancellationToken cancellationToken)
    {
        if (node >= 0 && Graph.Node(node).Loop is not null)
        {
            await CompleteElementAsync(instance, nodeId, null, output, cancellationToken).ConfigureAwait(false);
            return;
        }

        var token = node >= 0 && LoopedBody(nodeId) is { } body
            ? WaitingInElement(instance, nodeId, body, null)
            : waiting ?? WaitingToken(instance, nodeId);
        _instance = instance;   // leaving may reach an asyncAfter boundary, whose job is named by the instance
        output?.Invoke(_state.Data);
        token.Wait = TokenWait.None;
        Leave(token, Next(node, token));
        await RunAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether completing <paramref name="nodeId"/> (at index <paramref name="node"/>) moves the token <see cref="WaitingToken"/> finds there: not a loop, not inside a looped sub-process.</summary>
    public bool CompletesPlainly(int node, string nodeId) => Graph.Node(node).Loop is null && LoopedBody(nodeId) is null;

    /// <summary>Completes <paramref name="token"/>, waiting at <paramref name="node"/> (see <see cref="CompletesPlainly"/>), whose output is already set in the data.</summary>
    public async ValueTask CompleteSetAsync(FlowInstance<TData> instance, int node, TokenState token, CancellationToken cancellationToken)
    {
        _instance = instance;
        token.Wait = TokenWait.None;
        Leave(token, Next(node, token));
        await RunAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The token waiting at <paramref name="nodeId"/>; a clear FLOW6042 error when there is none (the instance is unchanged).</summary>
    public TokenState WaitingToken(FlowInstance<TData> instance, string nodeId)
    {
        if (_state.Status != InstanceStatus.Waiting)
        {
            var why = _state.Failure is { } failure ? $" ({failure.Kind} at '{failure.NodeId}': {failure.Message})" : "";
            throw new FlowInstanceException(InstanceErrors.NotWaiting, instance.Id, nodeId,
                $"Instance {instance.Id} is {_state.Status}{why}, not waiting; '{nodeId}' cannot be completed.");
        }

        // A loop, not Find: a lambda over the node id would be a closure per completion.
        foreach (var token in _state.Tokens)
        {
            if (token.Wait == TokenWait.Task && token.NodeId == nodeId)
            {
                return token;
            }
        }

        throw new FlowInstanceException(InstanceErrors.NotWaiting, instance.Id, nodeId,
            $"Instance {instance.Id} is not waiting at '{nodeId}' (it waits at {string.Join(", ", _state.Tokens.Where(t => t.Wait == TokenWait.Task).Select(t => "'" + t.NodeId + "'"))}).");
    }

    public ValueTask RetryAsync(FlowInstance<TData> instance, CancellationToken cancellationToken)
    {
        if (_state.Status != InstanceStatus.Failed || _state.Failure?.EndedEveryToken == true)
        {
            var why = _state.Failure is { } failure ? $" ({failure.Kind} at '{failure.NodeId}': {failure.Message}), which ended every token" : "";
            throw new InvalidOperationException($"Instance {instance.Id} is {_state.Status}{why}; only an instance failed by a handler or condition can be retried.");
        }

        if (!_state.Tokens.Any(t => t.Wait == TokenWait.None))
        {
            throw new InvalidOperationException(
                $"Instance {instance.Id} failed inside a parallel branch or sub-process of a straight-line run, which keeps no token to retry from.");
        }

        _state.Failure = null;
        instance.Exception = null;
        return RunAsync(instance, cancellationToken);
    }

    /// <summary>
    /// Runs the instance until every token waits or is gone. Not an async method: a run whose
    /// nodes all finish synchronously (handlers that do not await) makes no state machine; at the
    /// first node that awaits, <see cref="AwaitStepsAsync"/> takes over. Anything thrown comes back
    /// in the returned task, as from an async method.
    /// </summary>
    public ValueTask RunAsync(FlowInstance<TData> instance, CancellationToken cancellationToken)
    {
        try
        {
            _instance = instance;
            _state.Status = InstanceStatus.Running;
            StartRecordedTimers();
            var steps = 0;
            return RunSteps(ref steps, out var pending, out var token, out var node, cancellationToken)
                ? default
                : AwaitStepsAsync(pending, token!, node, steps, cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    /// <summary>The run from a node that awaits (<paramref name="pending"/>, step <paramref name="steps"/>) on, one state machine for all the rest.</summary>
    private async ValueTask AwaitStepsAsync(ValueTask pending, TokenState token, int node, int steps, CancellationToken cancellationToken)
    {
        while (true)
        {
            Exception? failed = null;
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failed = ex;
            }

            if (failed is not null)
            {
                if (StepFailed(token, node, failed))
                {
                    if (failed is OperationCanceledException)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
                    }

                    return;
                }
            }
            else if (StepEnded())
            {
                return;
            }

            steps++;
            if (RunSteps(ref steps, out pending, out var next, out node, cancellationToken))
            {
                return;
            }

            token = next!;
        }
    }

    /// <summary>
    /// Runs steps from <paramref name="steps"/> on, synchronously: true when the run is over; false
    /// when the node of <paramref name="token"/> (at <paramref name="node"/>, step <paramref name="steps"/>)
    /// awaits, with <paramref name="pending"/> its unfinished work. A cancellation is thrown.
    /// </summary>
    private bool RunSteps(ref int steps, out ValueTask pending, out TokenState? token, out int node, CancellationToken cancellationToken)
    {
        pending = default;
        node = -1;
        var maxSteps = _process.Limits.MaxStepsPerRun;
        for (; ; steps++)
        {
            token = FirstRunnable();
            if (token is null && !FireReadyInclusiveJoin())
            {
                // Nothing left to move: the data may have changed, so waiting conditions are evaluated.
                if (FireHeldConditions())
                {
                    continue;
                }

                if (_state.Status == InstanceStatus.Failed)
                {
                    return true;
                }

                break;
            }

            if (steps >= maxSteps)
            {
                StepLimitReached(token?.NodeId ?? _state.Trace[^1], maxSteps);
                return true;
            }

            if (token is null)
            {
                continue;
            }

            node = Graph.NodeIndex[token.NodeId];
            if (WaitsBefore(token, node))
            {
                continue;
            }

            try
            {
                pending = ExecuteAsync(token, node, cancellationToken);
            }
            catch (Exception ex)
            {
                if (StepFailed(token, node, ex))
                {
                    if (ex is OperationCanceledException)
                    {
                        throw;
                    }

                    return true;
                }

                continue;
            }

            if (!pending.IsCompletedSuccessfully)
            {
                return false;
            }

            pending.GetAwaiter().GetResult();
            if (StepEnded())
            {
                return true;
            }
        }

        Settle();
        return true;
    }

    /// <summary>
    /// What a node that threw <paramref name="error"/> leaves: true when the run stops (a
    /// cancellation then goes on to the caller), false when it goes on (a boundary event caught a BPMN error).
    /// </summary>
    private bool StepFailed(TokenState token, int node, Exception error)
    {
        if (error is FlowError flowError)
        {
            // A BPMN error from a handler or script: a boundary event takes over, or the instance fails for good.
            if (!ThrowError(token, node, flowError.Code, escalation: false))
            {
                ErrorUncaught(Graph.Node(node).Id, flowError.Code, flowError);
                return true;
            }

            return false;
        }

        // The token is still before its node: the instance fails and can be retried. A
        // cancellation also goes on to the caller.
        _state.Status = InstanceStatus.Failed;
        _state.Failure = FailureState.Of(token.NodeId, error);
        _instance!.Exception = error;
        return true;
    }

    /// <summary>After a step: whether the run is over because the instance failed or completed (what it left behind goes).</summary>
    private bool StepEnded()
    {
        if (_state.Status is InstanceStatus.Failed or InstanceStatus.Completed)
        {
            DropLeftTimers();
            DropLeftCalls();
            DropLeftCompensable();
            return true;
        }

        return false;
    }

    /// <summary>Every token waits or is gone: the instance waits, completed, or is deadlocked.</summary>
    private void Settle()
    {
        DropStaleSubscriptions();
        DropLeftTimers();
        DropLeftLoops();
        DropLeftCalls();
        DropLeftCompensable();
        _state.Status = _state.Tokens.Count == 0 ? InstanceStatus.Completed
            : AnyWaitsOutside() ? InstanceStatus.Waiting
            : Deadlocked();
    }

    // Loops rather than Find/Any with a lambda: in this shared generic class every use of a cached
    // lambda looks up the generic static that holds it, and each step of every run calls these.

    /// <summary>The earliest token about to execute its node, or null.</summary>
    private TokenState? FirstRunnable()
    {
        var tokens = _state.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Wait == TokenWait.None)
            {
                return tokens[i];
            }
        }

        return null;
    }

    /// <summary>Whether a token waits for something from outside the run (the application, a message, a timer, a called instance, a job).</summary>
    private bool AnyWaitsOutside()
    {
        foreach (var token in _state.Tokens)
        {
            if (token.Wait is TokenWait.Task or TokenWait.Event or TokenWait.Timer or TokenWait.Call or TokenWait.Async)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The token waits at a timer catch event; the due time is computed first (an expression or
    /// value that fails leaves the token before the node, to retry), then the timer is recorded.
    /// </summary>
    private void WaitOnTimer(TokenState token, int node, NodeDescription description)
    {
        var due = _process.TimerDue(node, _state.Data, ScopeSeen(token.ScopeId));
        Took(description);
        token.Wait = TokenWait.Timer;
        (_state.Timers ??= new()).Add(new TimerState
        {
            JobId = _instance!.Id + "/" + description.Id + "/" + token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NodeId = description.Id,
            TokenId = token.Id,
            WaitNodeId = description.Id,
            DueAt = due,
        });
    }

    /// <summary>
    /// Fires the timer of job <paramref name="jobId"/>: a catch event's token moves on. False,
    /// with nothing changed, when no token waits on it any more.
    /// </summary>
    public async ValueTask<bool> FireTimerAsync(FlowInstance<TData> instance, string jobId, CancellationToken cancellationToken)
    {
        var timer = _state.Timers?.Find(t => t.JobId == jobId);
        var token = timer is null ? null : _state.Tokens.Find(t => t.Id == timer.TokenId && t.NodeId == timer.WaitNodeId && t.Wait != TokenWait.None);
        if (timer is null || (token is null && !(timer.TokenId == 0 && _state.Tokens.Count > 0)) || _state.Status != InstanceStatus.Waiting)
        {
            return false;
        }

        _instance = instance;
        var node = Graph.NodeIndex[timer.NodeId];
        if (timer.NodeId != timer.WaitNodeId)
        {
            FireAttachedTimer(token, timer, node);
        }
        else
        {
            _state.Timers!.Remove(timer);
            token!.Wait = TokenWait.None;
            Leave(token, Next(node, token));
        }

        await RunAsync(instance, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A timer whose token is gone or has moved on (terminated, aborted, interrupted) goes, and with it its job.</summary>
    private void DropLeftTimers()
    {
        DropLeftContinuations();   // the same moments: after each run and when it fails or completes
        if (_state.Timers is not { } timers)
        {
            return;
        }

        // Token 0 is the process itself: the timers of its event sub-processes run while anything runs.
        // A token waiting after its node (asyncAfter) has completed it: the node's boundary timers go.
        timers.RemoveAll(t => t.TokenId == 0 ? _state.Tokens.Count == 0 : !_state.Tokens.Exists(k => k.Id == t.TokenId && k.NodeId == t.WaitNodeId && k.Wait is not (TokenWait.None or TokenWait.Async)) || ElementGone(t.ScopeId));
        if (timers.Count == 0)
        {
            _state.Timers = null;
        }
    }

    /// <summary>A join waits for tokens that can never arrive: nothing can move again, so every token ends.</summary>
    private InstanceStatus Deadlocked()
    {
        var join = _state.Tokens.First(t => t.Wait == TokenWait.Join).NodeId;
        _state.EndAllTokens(InstanceStatus.Failed, new FailureState { NodeId = join, Kind = FailureState.Deadlock, Message = $"The join '{join}' waits for tokens that can never arrive." });
        return InstanceStatus.Failed;
    }

    /// <summary>A loop without a wait state: the instance fails (FLOW6041) and every token ends, so a retry cannot loop again.</summary>
    private void StepLimitReached(string nodeId, int maxSteps) =>
        _state.EndAllTokens(InstanceStatus.Failed, new FailureState
        {
            NodeId = nodeId,
            Kind = FailureState.StepLimit,
            Message = $"{InstanceErrors.StepLimit}: the run took {maxSteps} steps without reaching a wait state or the end (a loop without a wait state?); it stopped at '{nodeId}'. Raise ExecutionLimits.MaxStepsPerRun if the process really needs more.",
        });

    /// <summary>
    /// Executes the token's node. Not an async method: most nodes (and handlers that do not await)
    /// finish synchronously, and only a node that really awaits pays for a state machine.
    /// </summary>
    private ValueTask ExecuteAsync(TokenState token, int node, CancellationToken cancellationToken)
    {
        var description = Graph.Node(node);
        if (description.Loop is { } loop)
        {
            if (HasElementScopes(description.Kind))
            {
                ExecuteScopeLoop(token, node, description, loop);
                return default;
            }

            return ExecuteLoopAsync(token, node, description, loop, cancellationToken);
        }

        if (description.Kind is NodeKind.IntermediateCatchEvent or NodeKind.IntermediateThrowEvent or NodeKind.EventBasedGateway)
        {
            // An event's input parameters when the token arrives (a gateway's: none, so a catch after it evaluates its own when it fires).
            SaveWaitInputs(token, node);
        }
        else if (description.Kind == NodeKind.EndEvent)
        {
            ApplyEndParameters(token, node);
        }

        switch (description.Kind)
        {
            case NodeKind.StartEvent:
                Took(description);
                Leave(token, Next(node, token));
                break;

            // Cancellation is seen before each activity that runs code (the straight-line method
            // checks at the same places), and by handlers themselves.
            case NodeKind.Task or NodeKind.ServiceTask or NodeKind.SendTask or NodeKind.BusinessRuleTask:
                cancellationToken.ThrowIfCancellationRequested();
                if (TimeoutOf(node, token) is { } handlerTimeout)
                {
                    return RunWithTimeoutAsync(token, node, handlerTimeout, cancellationToken);
                }

                var handler = _process.InvokeHandlerAsync(node, Context(description, token), cancellationToken);
                if (!handler.IsCompletedSuccessfully)
                {
                    return AfterHandlerAsync(handler, token, node, description);
                }

                handler.GetAwaiter().GetResult();
                Took(description);
                Leave(token, Next(node, token));
                break;

            case NodeKind.ScriptTask:
                cancellationToken.ThrowIfCancellationRequested();
                if (TimeoutOf(node, token) is { } scriptTimeout)
                {
                    return RunWithTimeoutAsync(token, node, scriptTimeout, cancellationToken);
                }

                _process.RunScript(node, Context(description, token));
                Took(description);
                Leave(token, Next(node, token));
                break;

            case NodeKind.UserTask or NodeKind.ReceiveTask or NodeKind.ManualTask:
                var taskTimers = AttachedTimerDues(node, token);
                SaveWaitInputs(token, node);
                Took(description);
                token.Wait = TokenWait.Task;
                Subscribe(token, node);
                StartAttachedTimers(token, node, taskTimers);
                break;

            case NodeKind.IntermediateCatchEvent when description.EventKind == EventKind.Timer:
                WaitOnTimer(token, node, description);
                break;

            case NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway or NodeKind.ParallelGateway:
                if (!Graph.IsJoin(node) || TryJoin(token, node))
                {
                    Took(description);
                    Leave(token, ChooseFlows(node, token));
                }

                break;

            case NodeKind.CallActivity:
                Call(token, node, description);
                break;

            case NodeKind.SubProcess or NodeKind.Transaction:
                var scopeTimers = AttachedTimerDues(node, token);
                EnterSubProcess(token, node);
                if (token.Wait == TokenWait.SubProcess)
                {
                    Subscribe(token, node);
                    StartAttachedTimers(token, node, scopeTimers);
                }

                break;

            case NodeKind.EndEvent or NodeKind.IntermediateThrowEvent when description.EventKind == EventKind.Compensate:
                ThrowCompensation(token, description);
                break;

            case NodeKind.EndEvent when description.EventKind == EventKind.Cancel:
                CancelTransaction(token, description);
                break;

            case NodeKind.EndEvent when description.EventKind is EventKind.Error or EventKind.Escalation or EventKind.Message or EventKind.Signal:
                return EndWithEventAsync(token, node, cancellationToken);

            case NodeKind.EndEvent:
                Took(description);
                End(token, description);
                break;

            case NodeKind.IntermediateCatchEvent or NodeKind.IntermediateThrowEvent or NodeKind.BoundaryEvent or NodeKind.EventBasedGateway:
                return ExecuteEventAsync(token, node, cancellationToken);

            default:
                throw new FlowExecutionException(description.Id, $"{description.Kind} '{description.Id}' cannot run yet.");
        }

        return default;
    }

    /// <summary>The rest of a task whose handler awaits: the token leaves once the handler is done.</summary>
    private async ValueTask AfterHandlerAsync(ValueTask handler, TokenState token, int node, NodeDescription description)
    {
        await handler.ConfigureAwait(false);
        Took(description);
        Leave(token, Next(node, token));
    }

    private TaskContext<TData> Context(NodeDescription node) => new(_instance!, node.Id);

    private void Took(NodeDescription node) => _state.AddTrace(node.Id, _process.Limits.MaxTraceLength);

    /// <summary>The flows a gateway takes, evaluated in document order (inside a looped sub-process, with the element of <paramref name="token"/>'s scope).</summary>
    private int[] ChooseFlows(int node, TokenState token)
    {
        var outgoing = Graph.Outgoing[node];
        var kind = Graph.Node(node).Kind;
        if (kind == NodeKind.ParallelGateway || (outgoing.Length <= 1 && (outgoing.Length == 0 || Graph.Description.Flows[outgoing[0]].Condition is null)))
        {
            return outgoing;
        }

        var defaultFlow = Graph.DefaultFlow[node];
        var taken = new List<int>(outgoing.Length);
        foreach (var flow in outgoing)
        {
            if (flow == defaultFlow)
            {
                continue;
            }

            var holds = Graph.Description.Flows[flow].Condition is null || EvaluateCondition(flow, token);
            if (holds)
            {
                taken.Add(flow);
                if (kind == NodeKind.ExclusiveGateway)
                {
                    break;
                }
            }
        }

        if (taken.Count == 0 && defaultFlow >= 0)
        {
            taken.Add(defaultFlow);
        }

        return taken.Count > 0
            ? taken.ToArray()
            : throw new FlowExecutionException(Graph.Node(node).Id, $"No outgoing condition of '{Graph.Node(node).Id}' holds and it has no default flow.");
    }

    /// <summary>
    /// The flows a token takes out of a node that is not a gateway: all of them, unless some have a
    /// condition or one is the default (an activity's implicit inclusive split, as BPMN and
    /// Camunda run it): then every flow without a condition, each whose condition holds, else the
    /// default; none at all fails the instance at the node.
    /// </summary>
    private int[] Next(int node, TokenState token)
    {
        ApplyWaitOutputs(token, node);
        var outgoing = Graph.Outgoing[node];
        if (Graph.DefaultFlow[node] < 0)
        {
            var conditional = false;
            foreach (var flow in outgoing)
            {
                conditional |= Graph.Description.Flows[flow].Condition is not null;
            }

            if (!conditional)
            {
                return outgoing;
            }
        }

        return ChooseFlows(node, token);
    }

    /// <summary>Moves the token along the first flow and adds a token for each other flow.</summary>
    private void Leave(TokenState token, int[] flows)
    {
        Unsubscribe(token);
        ActivityCompleted(token);
        if (!WaitsAfter(token, flows))
        {
            Move(token, flows);
        }
    }

    /// <summary>Moves the token along the first flow and adds a token for each other flow (none: it ends).</summary>
    private void Move(TokenState token, int[] flows)
    {
        if (flows.Length == 0)
        {
            _state.Tokens.Remove(token);
            CompleteScopeIfEmpty(token.ScopeId);
            return;
        }

        var index = _state.Tokens.IndexOf(token);
        for (var i = 0; i < flows.Length; i++)
        {
            var flow = Graph.Description.Flows[flows[i]];
            if (i == 0)
            {
                token.NodeId = flow.TargetId;
                token.ArrivedBy = flow.Id;
                token.Wait = TokenWait.None;
            }
            else
            {
                _state.Tokens.Insert(index + i, new TokenState { Id = ++_state.NextId, NodeId = flow.TargetId, ScopeId = token.ScopeId, ArrivedBy = flow.Id });
            }
        }
    }

    /// <summary>
    /// A token arrives at a join. A parallel join fires when every incoming flow has a token;
    /// an inclusive join when no other token of the scope can still reach it (checked when
    /// nothing else can run). Firing consumes one token per flow and keeps this one.
    /// </summary>
    private bool TryJoin(TokenState token, int node)
    {
        token.Wait = TokenWait.Join;
        if (Graph.Node(node).Kind == NodeKind.ExclusiveGateway)
        {
            token.Wait = TokenWait.None;
            return true;
        }

        var waiting = WaitingAt(token.NodeId, token.ScopeId);
        if (Graph.Node(node).Kind == NodeKind.ParallelGateway)
        {
            var incoming = Graph.Incoming[node];
            if (!incoming.All(f => waiting.Any(t => t.ArrivedBy == Graph.Description.Flows[f].Id)))
            {
                return false;
            }

            ConsumeJoin(token, waiting, incoming.Select(f => Graph.Description.Flows[f].Id));
            return true;
        }

        return false;
    }

    private bool FireReadyInclusiveJoin()
    {
        if (!_state.Tokens.Exists(static t => t.Wait == TokenWait.Join))
        {
            return false;   // the common case, without a list per step
        }

        foreach (var token in _state.Tokens.Where(t => t.Wait == TokenWait.Join).ToList())
        {
            var node = Graph.NodeIndex[token.NodeId];
            if (Graph.CanReach[node] is not { } upstream)
            {
                continue;
            }

            var blocked = _state.Tokens.Any(t => t.ScopeId == token.ScopeId && t.NodeId != token.NodeId && upstream[Graph.NodeIndex[t.NodeId]]);
            if (blocked)
            {
                continue;
            }

            var waiting = WaitingAt(token.NodeId, token.ScopeId);
            ConsumeJoin(token, waiting, waiting.Select(t => t.ArrivedBy!).Distinct().ToList());
            Took(Graph.Node(node));
            Leave(token, ChooseFlows(node, token));
            return true;
        }

        return false;
    }

    private List<TokenState> WaitingAt(string nodeId, int scopeId) =>
        _state.Tokens.Where(t => t.NodeId == nodeId && t.ScopeId == scopeId && t.Wait == TokenWait.Join).ToList();

    private void ConsumeJoin(TokenState keep, List<TokenState> waiting, IEnumerable<string> flows)
    {
        foreach (var flow in flows)
        {
            var consumed = keep.ArrivedBy == flow ? keep : waiting.First(t => t.ArrivedBy == flow);
            if (consumed != keep)
            {
                _state.Tokens.Remove(consumed);
                waiting.Remove(consumed);
            }
        }

        keep.Wait = TokenWait.None;
    }

    private void EnterSubProcess(TokenState token, int node)
    {
        var description = Graph.Node(node);

        // Its input parameters first (camunda:inputOutput): saved with the token that waits at it, seen by everything inside.
        SaveWaitInputs(token, node);
        Took(description);
        token.Wait = TokenWait.SubProcess;
        var scope = new ScopeState { Id = ++_state.NextId, NodeId = description.Id, ParentTokenId = token.Id, ParentScopeId = token.ScopeId };
        _state.Scopes.Add(scope);
        var index = _state.Tokens.IndexOf(token);
        var starts = Graph.StartsByScope.TryGetValue(description.Id, out var s) ? s : Array.Empty<int>();
        foreach (var start in starts)
        {
            _state.Tokens.Insert(++index, new TokenState { Id = ++_state.NextId, NodeId = Graph.Node(start).Id, ScopeId = scope.Id });
        }

        CompleteScopeIfEmpty(scope.Id);
    }

    private void End(TokenState token, NodeDescription end)
    {
        switch (end.EventKind)
        {
            case EventKind.Terminate:
                RemoveScopeContents(token.ScopeId);
                if (token.ScopeId == 0)
                {
                    _state.Tokens.Clear();
                    _state.Scopes.Clear();
                    _state.Status = InstanceStatus.Completed;
                    return;
                }

                CompleteScopeIfEmpty(token.ScopeId);
                return;

            default:
                _state.Tokens.Remove(token);
                CompleteScopeIfEmpty(token.ScopeId);
                return;
        }
    }

    private void RemoveScopeContents(int scopeId)
    {
        foreach (var nested in _state.Scopes.Where(s => s.ParentScopeId == scopeId).ToList())
        {
            RemoveScopeContents(nested.Id);
            _state.Scopes.Remove(nested);
            ScopeRemoved(nested);
        }

        _state.Tokens.RemoveAll(t => t.ScopeId == scopeId);
        DropStaleSubscriptions();
    }

    /// <summary>When a sub-process scope has no tokens left, its waiting parent token moves on.</summary>
    private void CompleteScopeIfEmpty(int scopeId)
    {
        if (scopeId == 0)
        {
            return;   // the process scope ends with the instance; no closure is made for it (below, one is)
        }

        CompleteSubScopeIfEmpty(scopeId);
    }

    private void CompleteSubScopeIfEmpty(int scopeId)
    {
        if (_state.Tokens.Any(t => t.ScopeId == scopeId))
        {
            return;
        }

        var scope = _state.Scopes.First(s => s.Id == scopeId);
        if (scope.Compensating is not null)
        {
            CompensationStepDone(scope);
            return;
        }

        _state.Scopes.Remove(scope);
        if (ElementScopeCompleted(scope))
        {
            return;
        }

        var parent = _state.Tokens.First(t => t.Id == scope.ParentTokenId);
        SubProcessCompleted(scope, parent);
        parent.Wait = TokenWait.None;
        Leave(parent, Next(Graph.NodeIndex[scope.NodeId], parent));
    }
}
