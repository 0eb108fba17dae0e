using System;
using System.Collections.Generic;
using System.Linq;

namespace Flow;

/// <summary>
/// Loops and multi-instance on embedded sub-processes and call activities. The token waits at
/// the activity with one <see cref="LoopState"/>, as for tasks; each element gets a scope of its
/// own: a sub-process scope (<see cref="ScopeState.LoopCounter"/>) with its own tokens, or a
/// called instance (<see cref="CallState.LoopCounter"/>). A parallel one starts every element at
/// once, a sequential one (and a standard loop) the next when one completes. When the activity
/// is done (every element, or its completion condition holds) the elements still running are
/// cancelled: their scopes removed, their called instances abandoned (the engine aborts them).
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    private static bool HasElementScopes(NodeKind kind) => kind is NodeKind.SubProcess or NodeKind.Transaction or NodeKind.CallActivity;

    private void ExecuteScopeLoop(TokenState token, int node, NodeDescription description, LoopDescription shape)
    {
        var loop = new LoopState { TokenId = token.Id, NodeId = description.Id, Type = shape.Type, Instances = -1 };
        var skip = shape.Type == LoopType.Standard
            ? shape.Maximum == 0 || (shape.TestBefore && !_process.LoopCondition(node, _state.Data, ScopeSeen(Info(loop, shape, 0), token.ScopeId)))
            : (loop.Instances = InstanceCount(node, description, token)) == 0;
        if (skip)
        {
            Took(description);
            Leave(token, Next(node, token));
            return;
        }

        // Call inputs are computed before anything changes: one that throws leaves the token before the node, to retry.
        var first = shape.Type == LoopType.ParallelMultiInstance ? loop.Instances : 1;
        var inputs = description.Kind == NodeKind.CallActivity ? new string[first] : null;
        for (var i = 0; inputs is not null && i < first; i++)
        {
            inputs[i] = ElementCallInput(token, node, description, loop, shape, i);
        }

        // A looped sub-process's input parameters too, per element (each with its loop variables), kept by element index.
        var scopeInputs = description.Kind == NodeKind.CallActivity ? null : ElementScopeInputs(token, node, loop, shape, 0, first);
        var timers = AttachedTimerDues(node, token);
        loop.Inputs ??= scopeInputs;   // a call's were kept by ElementCallInput
        (_state.Loops ??= new()).Add(loop);
        token.Wait = description.Kind == NodeKind.CallActivity ? TokenWait.Call : TokenWait.SubProcess;
        Subscribe(token, node);
        StartAttachedTimers(token, node, timers);
        // Each element's start tokens go after the previous element's, so elements run in index order.
        var at = _state.Tokens.IndexOf(token);
        for (var i = 0; i < first; i++)
        {
            StartElement(token, node, description, i, inputs?[i], ref at);
        }
    }

    /// <summary>Starts element <paramref name="index"/>: a scope with its start tokens, or a call (its in mappings with the element's loop variables).</summary>
    private void StartElement(TokenState token, int node, NodeDescription description, int index, string? callInput, ref int at)
    {
        Took(description);
        if (description.Kind == NodeKind.CallActivity)
        {
            var childId = Guid.NewGuid().ToString("N");
            (_state.Calls ??= new()).Add(new CallState { TokenId = token.Id, NodeId = description.Id, ChildInstanceId = childId, LoopCounter = index });
            (_state.CallRequests ??= new()).Add(new CallRequest(childId, description.Id, description.Call!, callInput!));
            return;
        }

        var scope = new ScopeState { Id = ++_state.NextId, NodeId = description.Id, ParentTokenId = token.Id, ParentScopeId = token.ScopeId, LoopCounter = index };
        _state.Scopes.Add(scope);
        ListenInElement(token, description, scope.Id);
        var starts = Graph.StartsByScope.TryGetValue(description.Id, out var s) ? s : Array.Empty<int>();
        foreach (var start in starts)
        {
            _state.Tokens.Insert(++at, new TokenState { Id = ++_state.NextId, NodeId = Graph.Node(start).Id, ScopeId = scope.Id });
        }

        if (starts.Length == 0)
        {
            CompleteScopeIfEmpty(scope.Id);
        }
    }

    /// <summary>
    /// The input parameters of <paramref name="count"/> elements of a looped sub-process from
    /// <paramref name="first"/> on, each evaluated with its own loop variables (and the inputs of the
    /// scopes around the activity); null when it has none.
    /// </summary>
    private SortedDictionary<int, string>? ElementScopeInputs(TokenState token, int node, LoopState loop, LoopDescription shape, int first, int count)
    {
        SortedDictionary<int, string>? inputs = null;
        for (var index = first; index < first + count; index++)
        {
            var info = Info(loop, shape, index);
            if (_process.SaveInputs(node, _state.Data, token.ScopeId == 0 ? info : WithScopeInputs(info, token.ScopeId)) is not { } saved)
            {
                return null;
            }

            (inputs ??= new())[index] = saved;
        }

        return inputs;
    }

    /// <summary>
    /// The in mappings of element <paramref name="index"/> of a looped call activity, after its input
    /// parameters (evaluated per element, kept by index in the loop's state), which they see through
    /// <see cref="LoopInfo.ScopeInputs"/> under the call activity's id.
    /// </summary>
    private string ElementCallInput(TokenState token, int node, NodeDescription description, LoopState loop, LoopDescription shape, int index)
    {
        var around = Info(loop, shape, index);
        around = token.ScopeId == 0 ? around : WithScopeInputs(around, token.ScopeId);
        var info = around;
        if (_process.SaveInputs(node, _state.Data, around) is { } saved)
        {
            (loop.Inputs ??= new())[index] = saved;
            info = new LoopInfo(around, id => id == description.Id ? saved : around.ScopeInputs(id));
        }

        return CallData.Input(description.Call!, _state.Data, _instance!.DataToJson(), (expression, data) => _process.EvaluateCallInput(expression, data, info));
    }

    /// <summary>
    /// An element scope of a looped sub-process has no tokens left: the element is counted; the
    /// activity ends, or the next element starts (sequential, standard loop). False for a plain scope.
    /// </summary>
    private bool ElementScopeCompleted(ScopeState scope)
    {
        if (scope.LoopCounter is not { } index)
        {
            return false;
        }

        DropElementListeners(scope.Id);
        var parent = _state.Tokens.First(t => t.Id == scope.ParentTokenId);
        ElementScopeCompensable(scope, parent, index);
        ElementEnded(parent, Graph.NodeIndex[scope.NodeId], index, callOutput: null);
        return true;
    }

    /// <summary>An element of a looped call activity completed (its out mappings in <paramref name="output"/>). False for a plain call.</summary>
    private bool ElementCallCompleted(CallState call, TokenState token, int node, Action<TData>? output)
    {
        if (call.LoopCounter is not { } index)
        {
            return false;
        }

        ElementEnded(token, node, index, output);
        return true;
    }

    private void ElementEnded(TokenState parent, int node, int index, Action<TData>? callOutput)
    {
        var description = Graph.Node(node);
        var shape = description.Loop!;
        var loop = LoopOf(parent) ?? throw new FlowExecutionException(description.Id, $"'{description.Id}' keeps no loop state for its element {index}.");
        callOutput?.Invoke(_state.Data);
        ApplyElementOutputs(node, loop, shape, index);
        if (ElementCompleted(node, loop, shape, index))
        {
            CancelElements(parent);
            _state.Loops!.Remove(loop);
            if (_state.Loops.Count == 0)
            {
                _state.Loops = null;
            }

            parent.Wait = TokenWait.None;
            Leave(parent, Next(node, parent));
        }
        else if (shape.Type != LoopType.ParallelMultiInstance)
        {
            var at = _state.Tokens.IndexOf(parent);
            if (description.Kind != NodeKind.CallActivity && ElementScopeInputs(parent, node, loop, shape, loop.Completed, 1) is { } next)
            {
                foreach (var (element, inputs) in next)
                {
                    (loop.Inputs ??= new())[element] = inputs;
                }
            }

            StartElement(parent, node, description, loop.Completed, description.Kind == NodeKind.CallActivity ? ElementCallInput(parent, node, description, loop, shape, loop.Completed) : null, ref at);
        }
    }

    /// <summary>The elements of the activity at <paramref name="host"/> still running: their scopes go, their calls are abandoned.</summary>
    private void CancelElements(TokenState host)
    {
        foreach (var scope in _state.Scopes.Where(s => s.ParentTokenId == host.Id).ToList())
        {
            RemoveScopeContents(scope.Id);
            _state.Scopes.Remove(scope);
            DropElementListeners(scope.Id);
        }

        if (_state.Calls is { } calls)
        {
            foreach (var call in calls.Where(c => c.TokenId == host.Id).ToList())
            {
                calls.Remove(call);
                (_state.AbandonedCalls ??= new()).Add(call.ChildInstanceId);
            }

            if (calls.Count == 0)
            {
                _state.Calls = null;
            }
        }
    }

    /// <summary>A context whose <see cref="TaskContext{TData}.Loop"/> is the element of the innermost looped sub-process around <paramref name="token"/>.</summary>
    private TaskContext<TData> Context(NodeDescription node, TokenState token) => new(_instance!, node.Id) { Loop = EnclosingLoop(token.ScopeId) };

    private LoopInfo EnclosingLoop(int scopeId) => WithScopeInputs(EnclosingLoopOnly(scopeId), scopeId);

    private LoopInfo EnclosingLoopOnly(int scopeId)
    {
        while (scopeId != 0)
        {
            var scope = _state.Scopes.Find(s => s.Id == scopeId);
            if (scope is null)
            {
                break;
            }

            if (CompensatedElement(scope) is { } compensated)
            {
                return compensated;
            }

            if (scope.LoopCounter is { } index && _state.Loops?.Find(l => l.TokenId == scope.ParentTokenId && l.NodeId == scope.NodeId) is { } loop)
            {
                return Info(loop, Graph.Node(Graph.NodeIndex[scope.NodeId]).Loop!, index);
            }

            scopeId = scope.ParentScopeId;
        }

        return default;
    }

    /// <summary>The loopCounter of the looped sub-process element <paramref name="token"/> is in, for the sub-process <paramref name="body"/>; null outside.</summary>
    private int? ElementOf(TokenState token, string body)
    {
        for (var scopeId = token.ScopeId; scopeId != 0;)
        {
            var scope = _state.Scopes.Find(s => s.Id == scopeId);
            if (scope is null)
            {
                return null;
            }

            if (scope.NodeId == body && scope.LoopCounter is { } index)
            {
                return index;
            }

            scopeId = scope.ParentScopeId;
        }

        return null;
    }

    /// <summary>The looped sub-process around <paramref name="nodeId"/> (innermost), or null.</summary>
    private string? LoopedBody(string nodeId)
    {
        for (var scope = Graph.Node(Graph.NodeIndex[nodeId]).ScopeId; scope is not null && Graph.NodeIndex.TryGetValue(scope, out var index);)
        {
            var description = Graph.Node(index);
            if (description.Loop is not null && description.Kind is NodeKind.SubProcess or NodeKind.Transaction)
            {
                return description.Id;
            }

            scope = description.ScopeId;
        }

        return null;
    }

    /// <summary>
    /// Completes the wait state <paramref name="nodeId"/> inside element <paramref name="index"/>
    /// (null: the only one waiting) of a looped sub-process; FLOW6220/FLOW6221 when that is
    /// ambiguous or no such element waits there, with nothing changed.
    /// </summary>
    internal TokenState WaitingInElement(FlowInstance<TData> instance, string nodeId, string body, int? index)
    {
        var first = WaitingToken(instance, nodeId);
        var waiting = _state.Tokens.Where(t => t.NodeId == nodeId && t.Wait == TokenWait.Task).ToList();
        if (index is null)
        {
            return waiting.Count == 1 ? first : throw new FlowInstanceException(InstanceErrors.ElementIndexRequired, instance.Id, nodeId,
                $"'{nodeId}' waits in several elements of the multi-instance '{body}': complete it by the element's index ({Describe(WaitingIn(waiting, body))} wait).");
        }

        return waiting.Find(t => ElementOf(t, body) == index) ?? throw new FlowInstanceException(InstanceErrors.ElementNotWaiting, instance.Id, nodeId,
            $"'{nodeId}' does not wait in element {index} of '{body}' in instance {instance.Id} ({Describe(WaitingIn(waiting, body))} wait).");
    }

    private int[] WaitingIn(List<TokenState> waiting, string body)
    {
        var indexes = new List<int>();
        foreach (var token in waiting)
        {
            if (ElementOf(token, body) is { } index)
            {
                indexes.Add(index);
            }
        }

        indexes.Sort();
        return indexes.ToArray();
    }

    /// <summary>The element indexes of the looped sub-process around <paramref name="nodeId"/> in which it waits.</summary>
    private IReadOnlyList<int> WaitingInElements(string nodeId, string body) =>
        WaitingIn(_state.Tokens.Where(t => t.NodeId == nodeId && t.Wait == TokenWait.Task).ToList(), body);

    /// <summary>For a node without a loop of its own inside a looped sub-process: that sub-process (its elements are what an index names).</summary>
    private string? InElementBody(string nodeId) =>
        Graph.NodeIndex.TryGetValue(nodeId, out var node) && Graph.Node(node).Loop is null ? LoopedBody(nodeId) : null;

    /// <summary>
    /// A message for a looped receive task completes one element: the lowest that waits (the
    /// current one of a sequence). The token stays subscribed until the activity is done. False
    /// for a receive task without a loop.
    /// </summary>
    private bool ReceivedElement(TokenState token, int node)
    {
        var description = Graph.Node(node);
        if (description.Kind != NodeKind.ReceiveTask || description.Loop is not { } shape || LoopOf(token) is not { } loop)
        {
            return false;
        }

        var element = LoopState.Waiting(loop, shape.Type == LoopType.ParallelMultiInstance)[0];
        if (ElementCompleted(node, loop, shape, element))
        {
            _state.Loops!.Remove(loop);
            token.Wait = TokenWait.None;
            Leave(token, Next(node, token));
        }
        else if (shape.IsSequential)
        {
            Took(description);
        }

        return true;
    }
}
