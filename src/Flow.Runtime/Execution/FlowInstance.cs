using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// A running or finished process instance. Its <see cref="State"/> is plain data; everything
/// else is read from it. Generated subclasses add a typed completion method per wait state.
/// </summary>
/// <remarks>
/// A straight-line run that succeeds keeps its outcome (status and the branches it chose) in one
/// word of this object, and the <see cref="InstanceState{TData}"/> is made from it when first
/// asked for: such a run allocates this 56-byte object and nothing else. A run that fails, a
/// token-engine run and a resumed instance have their state from the start; it is then the
/// one truth.
/// </remarks>
/// <typeparam name="TData">The process data type.</typeparam>
public abstract partial class FlowInstance<TData> : IFlowInstance, ISavesState
    where TData : class
{
    // The outcome word: the path in the low 60 bits (ChoiceLayout in the generator keeps within
    // them), then the status, then whether the trace still has to be replayed from the path.
    private const int StatusShift = 60;
    private const ulong PathMask = (1UL << StatusShift) - 1;
    private const ulong StatusMask = 7;
    private const ulong ReplayPending = 1UL << 63;

    private readonly FlowProcess<TData> _process;
    private readonly TData _data;
    private InstanceState<TData>? _state;
    private ulong _outcome;
    private string? _id;

    /// <summary>
    /// Creates an instance (generated code does this): over a saved or prepared
    /// <paramref name="state"/>, or, when it is null, a new running one over <paramref name="data"/>.
    /// </summary>
    protected FlowInstance(FlowProcess<TData> process, TData data, InstanceState<TData>? state)
    {
        _process = process ?? throw new ArgumentNullException(nameof(process));
        _state = state;
        _data = state is null ? data ?? throw new ArgumentNullException(nameof(data)) : state.DataInEngine;
        _outcome = (ulong)InstanceStatus.Running << StatusShift;
    }

    /// <summary>The whole instance as plain data: save it as JSON and resume it later.</summary>
    public InstanceState<TData> State => _state ?? MakeState();

    /// <summary>The instance id (made when first asked for, so a run that never needs it pays nothing).</summary>
    public string Id
    {
        get
        {
            var state = Volatile.Read(ref _state);
            if (state is null)
            {
                // During a straight-line run a handler may hand its context to another thread:
                // the id alone, never the state, is made here.
                return Volatile.Read(ref _id) ?? Interlocked.CompareExchange(ref _id, NewId(), null) ?? _id!;
            }

            if (state.InstanceId.Length == 0)
            {
                // Two first readers agree on one id through _id and both write that same id. No
                // lock: a process-wide one was written by every caller thread on every start.
                var id = Volatile.Read(ref _id) ?? Interlocked.CompareExchange(ref _id, NewId(), null) ?? _id!;
                state.InstanceId = id;
                return id;
            }

            return state.InstanceId;
        }
    }

    private static string NewId() => InstanceIds.New();

    /// <summary>Where the instance stands.</summary>
    public InstanceStatus Status => _state is null ? OutcomeStatus : _state.Status;

    /// <summary>The process data.</summary>
    public TData Data => _state is null ? _data : _state.Data;

    /// <summary>The ids of the nodes taken, in order.</summary>
    public IReadOnlyList<string> Trace => State.Trace;

    /// <summary>The wait states (user, receive, manual tasks; message and signal catch events; event-based gateways) with a token waiting, in token order; none once the instance has ended.</summary>
    public IReadOnlyList<string> WaitingAt
    {
        get
        {
            if (HasEnded)
            {
                return Array.Empty<string>();
            }

            List<string>? waiting = null;
            string? single = null;
            foreach (var token in State.Tokens)
            {
                if (token.Wait is TokenWait.Task or TokenWait.Event or TokenWait.Call)
                {
                    if (single is null && waiting is null)
                    {
                        single = token.NodeId;
                        continue;
                    }

                    waiting ??= new List<string>(4) { single! };
                    waiting.Add(token.NodeId);
                }
            }

            // One waiting token is the common case: the graph's read-only list of that node, shared.
            return waiting ?? (single is null ? Array.Empty<string>() : _process.Graph.WaitingAtOnly(single));
        }
    }

    /// <summary>
    /// Whether the instance can never run again: completed, aborted, or failed with nothing to
    /// retry (an uncaught error end event, a deadlock, the step limit). Such an instance has no tokens.
    /// </summary>
    public bool HasEnded => _state is null ? OutcomeStatus != InstanceStatus.Running : _state.HasEnded;

    /// <summary>Why the instance failed, if it did.</summary>
    public FailureState? Failure => _state?.Failure;

    /// <summary>The exception a handler threw, in this process only (the state keeps its type and message).</summary>
    public Exception? Exception
    {
        get => _state?.Exception;
        internal set
        {
            if (value is not null || _state is not null)
            {
                State.Exception = value;
            }
        }
    }

    /// <summary>
    /// Completes the wait state <paramref name="nodeId"/>: applies <paramref name="output"/> to
    /// the data and runs on to the next wait state or the end.
    /// </summary>
    public ValueTask CompleteAsync(string nodeId, Action<TData>? output = null, CancellationToken cancellationToken = default) =>
        NewEngine().CompleteAsync(this, nodeId, output, cancellationToken);

    /// <summary>
    /// Completes the wait state <paramref name="nodeId"/> with its outputs given as a JSON object
    /// (<c>{"approved": true}</c>): only the node's declared outputs, by their exact names, each
    /// of its data member's type. Anything else is refused with FLOW6040 before anything changes.
    /// </summary>
    public ValueTask CompleteWithJsonAsync(string nodeId, string? outputJson, CancellationToken cancellationToken = default)
    {
        var engine = NewEngine();
        var waiting = engine.WaitingToken(this, nodeId);
        var node = _process.Graph.NodeIndex[nodeId];
        if (engine.CompletesPlainly(node, nodeId) && State.DataInEngine is { } data)
        {
            // Checked whole, then set in the data in place: no setter objects (and nothing but the reader sees the data).
            CompletionOutput<TData>.ReadInto(_process.Graph.Node(node), Id, outputJson, _process.DataJson, data);
            return engine.CompleteSetAsync(this, node, waiting, cancellationToken);
        }

        var output = CompletionOutput<TData>.Read(_process.Graph.Node(node), Id, outputJson, _process.DataJson);
        return engine.CompleteAsync(this, nodeId, node, waiting, output, cancellationToken);
    }

    /// <summary>The timers the instance's tokens wait on (none for a straight-line run, which never waits).</summary>
    public IReadOnlyList<TimerState> Timers => (IReadOnlyList<TimerState>?)_state?.Timers ?? Array.Empty<TimerState>();

    /// <summary>
    /// Fires the timer whose job is <paramref name="jobId"/>: its token moves on and the instance
    /// runs to its next wait state. False, and nothing changes, when no token waits on that timer
    /// any more (it fired already, or its token left).
    /// </summary>
    public ValueTask<bool> FireTimerAsync(string jobId, CancellationToken cancellationToken = default) =>
        NewEngine().FireTimerAsync(this, jobId, cancellationToken);

    /// <summary>The data as JSON, in the format of the saved state.</summary>
    public string DataToJson()
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            _process.DataJson.Write(buffer.Writer, _state is null ? _data : _state.DataInEngine);
            return buffer.Text();
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Runs a failed instance again from the node that failed (the handler runs again).</summary>
    public ValueTask RetryAsync(CancellationToken cancellationToken = default) => NewEngine().RetryAsync(this, cancellationToken);

    object IFlowInstance.Data => Data;

    ValueTask IFlowInstance.CompleteAsync(string nodeId, CancellationToken cancellationToken) => CompleteAsync(nodeId, null, cancellationToken);

    /// <summary>The instance state as JSON (resume it with the process's ResumeFromJson).</summary>
    public string ToJson() => SaveState().StateJson;

    /// <inheritdoc/>
    SavedState ISavesState.SaveState() => SaveState();

    /// <summary>The state and, cut from the same text, its data: one serialisation for both.</summary>
    private SavedState SaveState()
    {
        _ = Id;
        var buffer = JsonBuffer.Rent();
        try
        {
            var (dataStart, dataEnd) = InstanceStateJson.Write(buffer, State, _process.DataJson);
            return new SavedState(buffer.Text(), buffer.Text(dataStart, dataEnd));
        }
        finally
        {
            buffer.Return();
        }
    }

    internal ValueTask RunAsync(CancellationToken cancellationToken) => NewEngine().RunAsync(this, cancellationToken);

    /// <summary>The token engine keeps nothing between calls, so it is made per call and a straight-line instance carries no field for it.</summary>
    private TokenEngine<TData> NewEngine() => new(_process, State);

    private FlowProcess<TData> Process => _process;

    /// <summary>Records that the straight-line method took a node (generated code calls this when the trace cannot be replayed).</summary>
    protected internal void Took(string nodeId) => State.Trace.Add(nodeId);

    /// <summary>
    /// Ends a straight-line run that recorded its choices in <paramref name="path"/> (a fixed
    /// 4-bit field per exclusive choice, within 60 bits); <paramref name="stoppedAt"/> is the
    /// node it failed at, if it failed. The trace is replayed from them when first read.
    /// </summary>
    protected internal void FinishStraight(ulong path, string? stoppedAt, InstanceStatus status, FailureState? failure = null, Exception? exception = null, string? retryAt = null)
    {
        if (_state is null && failure is null && retryAt is null && exception is null)
        {
            // The common end: one store.
            _outcome = (path & PathMask) | ((ulong)status << StatusShift) | ReplayPending;
            return;
        }

        // A failure (or a state made during the run): the state carries it from now on.
        var state = State;
        _process.ReplayStraightTrace(path, stoppedAt, state.Trace);
        Finish(state, status, failure, exception, retryAt);
    }

    /// <summary>Ends a straight-line run with the outcome its method returned.</summary>
    internal void FinishRun(RunOutcome outcome)
    {
        if (outcome.Exception is { } exception)
        {
            FailStraight(outcome.Path, outcome.At, exception);
        }
        else
        {
            FinishStraight(outcome.Path, null, outcome.Status, outcome.Failure);
        }
    }

    /// <summary>
    /// Ends a straight-line run whose handler, script or condition at node index
    /// <paramref name="at"/> threw; <c>~index</c> marks a node inside a parallel branch or
    /// sub-process, which leaves no single token to retry from.
    /// </summary>
    protected internal void FailStraight(ulong path, int at, Exception exception)
    {
        var node = _process.Definition.Nodes[at < 0 ? ~at : at].Id;
        // An uncaught FlowError ends the instance for good, like an error end event: no token to retry from.
        FinishStraight(path, node, InstanceStatus.Failed, FailureState.Of(node, exception), exception, at < 0 || exception is FlowError ? null : node);
    }

    /// <summary>
    /// Ends a straight-line run that recorded its trace node by node. A failure at a node of the
    /// process's own sequence leaves a token there (<paramref name="retryAt"/>), so the instance
    /// can be retried like a token-engine one.
    /// </summary>
    protected internal void Finish(InstanceStatus status, FailureState? failure = null, Exception? exception = null, string? retryAt = null) =>
        Finish(State, status, failure, exception, retryAt);

    private static void Finish(InstanceState<TData> state, InstanceStatus status, FailureState? failure, Exception? exception, string? retryAt)
    {
        state.Status = status;
        state.Failure = failure;
        state.Exception = exception;
        if (retryAt is not null)
        {
            state.Tokens.Add(new TokenState { Id = ++state.NextId, NodeId = retryAt, ScopeId = 0 });
        }
    }

    private InstanceStatus OutcomeStatus => (InstanceStatus)((_outcome >> StatusShift) & StatusMask);

    private InstanceState<TData> MakeState()
    {
        var state = InstanceState<TData>.For(_process.Definition, _data, OutcomeStatus);
        state.InstanceId = Volatile.Read(ref _id) ?? "";
        if ((_outcome & ReplayPending) != 0)
        {
            _process.ReplayStraightTrace(_outcome & PathMask, null, state.Trace);
        }

        // Readers of a finished instance may race here: the first state published wins, whole.
        return Interlocked.CompareExchange(ref _state, state, null) ?? state;
    }
}
