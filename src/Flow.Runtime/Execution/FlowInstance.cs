using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// A running or finished process instance. Its <see cref="State"/> is plain data; everything
/// else is read from it. Generated subclasses add a typed completion method per wait state.
/// </summary>
/// <typeparam name="TData">The process data type.</typeparam>
public abstract class FlowInstance<TData> : IFlowInstance
    where TData : class
{
    private readonly FlowProcess<TData> _process;
    private readonly InstanceState<TData> _state;
    private TokenEngine<TData>? _engine;

    // A straight-line run records only the branches it chose; the trace is replayed from them
    // when first read (most runs are never asked for it).
    private bool _tracePending;
    private ulong _path;
    private string? _stoppedAt;

    /// <summary>Creates an instance over a state (generated code does this).</summary>
    protected FlowInstance(InstanceState<TData> state, FlowProcess<TData> process)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _process = process ?? throw new ArgumentNullException(nameof(process));
    }

    /// <summary>The whole instance as plain data: save it as JSON and resume it later.</summary>
    public InstanceState<TData> State
    {
        get
        {
            if (_tracePending)
            {
                _tracePending = false;
                _process.ReplayStraightTrace(_path, _stoppedAt, _state.Trace);
            }

            return _state;
        }
    }

    /// <summary>The instance id (made when first asked for, so a run that never needs it pays nothing).</summary>
    public string Id => _state.InstanceId.Length > 0 ? _state.InstanceId : _state.InstanceId = Guid.NewGuid().ToString("N");

    /// <summary>Where the instance stands.</summary>
    public InstanceStatus Status => _state.Status;

    /// <summary>The process data.</summary>
    public TData Data => _state.Data;

    /// <summary>The ids of the nodes taken, in order.</summary>
    public IReadOnlyList<string> Trace => State.Trace;

    /// <summary>The wait states (user, receive, manual tasks) with a token waiting, in token order.</summary>
    public IReadOnlyList<string> WaitingAt => State.Tokens.Where(t => t.Wait == TokenWait.Task).Select(t => t.NodeId).ToList();

    /// <summary>Why the instance failed, if it did.</summary>
    public FailureState? Failure => State.Failure;

    /// <summary>The exception a handler threw, in this process only (the state keeps its type and message).</summary>
    public Exception? Exception { get; internal set; }

    /// <summary>
    /// Completes the wait state <paramref name="nodeId"/>: applies <paramref name="output"/> to
    /// the data and runs on to the next wait state or the end.
    /// </summary>
    public ValueTask CompleteAsync(string nodeId, Action<TData>? output = null, CancellationToken cancellationToken = default) =>
        Engine.CompleteAsync(this, nodeId, output, cancellationToken);

    /// <summary>Runs a failed instance again from the node that failed (the handler runs again).</summary>
    public ValueTask RetryAsync(CancellationToken cancellationToken = default) => Engine.RetryAsync(this, cancellationToken);

    object IFlowInstance.Data => Data;

    ValueTask IFlowInstance.CompleteAsync(string nodeId, CancellationToken cancellationToken) => CompleteAsync(nodeId, null, cancellationToken);

    /// <summary>The instance state as JSON (resume it with the process's ResumeFromJson).</summary>
    public string ToJson()
    {
        _ = Id;
        return InstanceJson<TData>.Serialize(State);
    }

    internal ValueTask RunAsync(CancellationToken cancellationToken) => Engine.RunAsync(this, cancellationToken);

    /// <summary>Made on first use: a straight-line run never needs it.</summary>
    private TokenEngine<TData> Engine => _engine ??= new TokenEngine<TData>(_process, State);

    /// <summary>Records that the straight-line method took a node (generated code calls this).</summary>
    protected internal void Took(string nodeId) => State.Trace.Add(nodeId);

    /// <summary>
    /// Ends a straight-line run that recorded its choices in <paramref name="path"/> (4 bits per
    /// exclusive choice, first choice lowest); <paramref name="stoppedAt"/> is the node it failed
    /// at, if it failed. The trace is replayed from them when first read.
    /// </summary>
    protected internal void FinishStraight(ulong path, string? stoppedAt, InstanceStatus status, FailureState? failure = null, Exception? exception = null, string? retryAt = null)
    {
        _path = path;
        _stoppedAt = stoppedAt;
        _tracePending = true;
        Finish(status, failure, exception, retryAt);
    }

    /// <summary>
    /// Ends a straight-line run. A failure at a node of the process's own sequence leaves a token
    /// there (<paramref name="retryAt"/>), so the instance can be retried like a token-engine one.
    /// </summary>
    protected internal void Finish(InstanceStatus status, FailureState? failure = null, Exception? exception = null, string? retryAt = null)
    {
        _state.Status = status;
        _state.Failure = failure;
        Exception = exception;
        if (retryAt is not null)
        {
            _state.Tokens.Add(new TokenState { Id = ++_state.NextId, NodeId = retryAt, ScopeId = 0 });
        }
    }
}
