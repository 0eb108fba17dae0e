using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Flow;

/// <summary>
/// An instance as plain data: tokens, sub-process scopes, the trace and the typed data, plus
/// the definition it runs on. Round-trips through System.Text.Json, so an instance can be
/// saved at a wait state and resumed in another process.
/// </summary>
/// <typeparam name="TData">The process's data type.</typeparam>
public sealed partial class InstanceState<TData>
    where TData : class
{
    /// <summary>The instance id.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The process key (BPMN process id).</summary>
    public string ProcessKey { get; set; } = "";

    /// <summary>The version of the definition the instance started on (<see cref="ProcessDescription.DefinitionHash"/>).</summary>
    public string DefinitionHash { get; set; } = "";

    /// <summary>The instance status.</summary>
    public InstanceStatus Status
    {
        get => (InstanceStatus)(_status & ~DataOnlyInEngineBit);
        set => _status = (int)value | (_status & DataOnlyInEngineBit);
    }

    // The status, and in one bit of the same field (a field of its own would make every state 8 bytes
    // larger) whether the data is only the engine's (DataOnlyInEngine).
    private const int DataOnlyInEngineBit = 1 << 30;
    private int _status;

    private List<TokenState>? _tokens;

    /// <summary>The tokens still in the instance.</summary>
    public List<TokenState> Tokens
    {
        get => _tokens ??= new();
        set => _tokens = value;
    }

    /// <summary>Running sub-process scopes (made when first used: most instances have none).</summary>
    public List<ScopeState> Scopes
    {
        get => Rare.Scopes ??= new();
        set => SetRare(value, static (r, v) => r.Scopes = v);
    }

    /// <summary>The messages and signals waiting tokens listen for (made when first used).</summary>
    public List<SubscriptionState> Subscriptions
    {
        get => Rare.Subscriptions ??= new();
        set => SetRare(value, static (r, v) => r.Subscriptions = v);
    }

    private List<string>? _trace;

    /// <summary>The ids of the nodes taken, in order (the latest <see cref="ExecutionLimits.MaxTraceLength"/> of them).</summary>
    public List<string> Trace
    {
        get => _trace ??= new();
        set => _trace = value;
    }

    /// <summary>How many older trace entries were dropped to keep <see cref="Trace"/> bounded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long TraceDropped
    {
        get => _rare?.TraceDropped ?? 0;
        set
        {
            if (value != 0 || _rare is not null)
            {
                Rare.TraceDropped = value;
            }
        }
    }

    /// <summary>The process data.</summary>
    /// <remarks>
    /// Reading or setting it gives up <see cref="DataOnlyInEngine"/>: whoever read it may keep the
    /// object. The engine's own reads that hand it to nobody go through <see cref="DataInEngine"/>.
    /// </remarks>
    public TData Data
    {
        get
        {
            HandOutData();
            return _data;
        }

        set
        {
            HandOutData();
            _data = value;
        }
    }

    private TData _data = default!;

    /// <summary>
    /// Whether no code but the engine's can hold the data object: the engine made it (read from the
    /// caller's JSON, or copied), said so, and since then nobody read <see cref="Data"/> (a handler's
    /// context, a condition, a script, an expression or an output is given the object by that read).
    /// The in-memory store then keeps the object itself instead of a copy (see FlowInstance.Freeze).
    /// Not saved, not copied: false for every state the engine did not mark.
    /// </summary>
    internal bool DataOnlyInEngine => (_status & DataOnlyInEngineBit) != 0;

    /// <summary>Marks the data as the engine's own (it just made the object; nobody else has it).</summary>
    internal void OwnData() => _status |= DataOnlyInEngineBit;

    private void HandOutData()
    {
        // Read first: a kept state is read by many threads at once and never marked, so they write nothing.
        if ((_status & DataOnlyInEngineBit) != 0)
        {
            _status &= ~DataOnlyInEngineBit;
        }
    }

    /// <summary>The data for the engine's own use (writing it as JSON, copying it), which hands it to no other code.</summary>
    internal TData DataInEngine => _data;

    /// <summary>The timers tokens wait on (null when none: most instances have none); each is a job of the instance.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<TimerState>? Timers
    {
        get => _rare?.Timers;
        set => SetRare(value, static (r, v) => r.Timers = v);
    }

    /// <summary>The loop and multi-instance activities in progress (null when none: most instances have none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<LoopState>? Loops
    {
        get => _rare?.Loops;
        set => SetRare(value, static (r, v) => r.Loops = v);
    }

    /// <summary>Why the instance failed, when it did.</summary>
    public FailureState? Failure
    {
        get => _rare?.Failure;
        set => SetRare(value, static (r, v) => r.Failure = v);
    }

    /// <summary>Calls to start, made in this run (not saved): the engine starts them before it saves the instance.</summary>
    internal List<CallRequest>? CallRequests
    {
        get => _rare?.CallRequests;
        set => SetRare(value, static (r, v) => r.CallRequests = v);
    }

    /// <summary>Escalations nothing caught in this run of a called instance (not saved): the engine throws them at the call activity.</summary>
    internal List<string>? UncaughtEscalations
    {
        get => _rare?.UncaughtEscalations;
        set => SetRare(value, static (r, v) => r.UncaughtEscalations = v);
    }

    /// <summary>Called instances whose call activity was left in this run (not saved): the engine aborts them.</summary>
    internal List<string>? AbandonedCalls
    {
        get => _rare?.AbandonedCalls;
        set => SetRare(value, static (r, v) => r.AbandonedCalls = v);
    }

    /// <summary>The next token and scope number (ids stay unique across saves).</summary>
    public int NextId { get; set; }

    /// <summary>The called instances tokens wait on at call activities (null when none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<CallState>? Calls
    {
        get => _rare?.Calls;
        set => SetRare(value, static (r, v) => r.Calls = v);
    }

    /// <summary>For an instance started by a call activity: the calling instance and node (null otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CallerState? CalledBy
    {
        get => _rare?.CalledBy;
        set => SetRare(value, static (r, v) => r.CalledBy = v);
    }

    /// <summary>The completed activities compensation can still undo, in order of completion (null when none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<CompensableState>? Compensable
    {
        get => _rare?.Compensable;
        set => SetRare(value, static (r, v) => r.Compensable = v);
    }

    /// <summary>The signals thrown since the state was made or read, in this process only (not saved): for a host to broadcast.</summary>
    internal List<string>? ThrownSignals
    {
        get => _rare?.ThrownSignals;
        set => SetRare(value, static (r, v) => r.ThrownSignals = v);
    }

    /// <summary>The exception behind <see cref="Failure"/>, in this process only (not saved).</summary>
    internal Exception? Exception
    {
        get => _rare?.Exception;
        set => SetRare(value, static (r, v) => r.Exception = v);
    }

    /// <summary>
    /// Adds a node to the trace; past <paramref name="maxLength"/> entries the oldest quarter is
    /// dropped at once (so the cost per entry stays constant) and counted in <see cref="TraceDropped"/>.
    /// </summary>
    internal void AddTrace(string nodeId, int maxLength)
    {
        var trace = Trace;
        if (trace.Count >= maxLength)
        {
            var drop = trace.Count - (maxLength - (maxLength / 4));
            trace.RemoveRange(0, drop);
            TraceDropped += drop;
        }

        trace.Add(nodeId);
    }

    /// <summary>
    /// Ends the instance abnormally (an uncaught error, a deadlock, the step limit, an abort):
    /// every token of every scope ends with it, so nothing is left waiting.
    /// </summary>
    internal void EndAllTokens(InstanceStatus status, FailureState? failure)
    {
        Tokens.Clear();
        _rare?.Scopes?.Clear();
        _rare?.Subscriptions?.Clear();
        Timers = null;
        Continuations = null;
        Loops = null;
        Compensable = null;
        AbandonCalls();
        Status = status;
        Failure = failure;
    }

    /// <summary>Every call is left: its called instance is to be aborted.</summary>
    internal void AbandonCalls()
    {
        if (Calls is { } calls)
        {
            (AbandonedCalls ??= new()).AddRange(calls.ConvertAll(c => c.ChildInstanceId));
            Calls = null;
        }
    }

    /// <summary>
    /// Whether the instance can never run again: completed, aborted, or failed with nothing to
    /// retry (an error end event, a deadlock, the step limit, or no token left before a node).
    /// </summary>
    internal bool HasEnded => Status switch
    {
        InstanceStatus.Waiting or InstanceStatus.Running => false,
        InstanceStatus.Failed => Failure?.EndedEveryToken == true || !Tokens.Exists(t => t.Wait == TokenWait.None),
        _ => true,
    };

    /// <summary>A new instance's state on <paramref name="definition"/>.</summary>
    internal static InstanceState<TData> For(ProcessDescription definition, TData data, InstanceStatus status) => new()
    {
        ProcessKey = definition.Key,
        DefinitionHash = definition.DefinitionHash,
        Data = data,
        Status = status,
    };
}

/// <summary>A token: where it is, in which scope, and whether it waits there.</summary>
public sealed class TokenState
{
    /// <summary>The token id, unique in its instance.</summary>
    public int Id { get; set; }

    /// <summary>The node the token is at.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The scope instance: 0 for the process, else a <see cref="ScopeState.Id"/>.</summary>
    public int ScopeId { get; set; }

    /// <summary>The flow it arrived by (joins count arrivals per flow); null at a start.</summary>
    public string? ArrivedBy { get; set; }

    /// <summary>What the token is doing at its node.</summary>
    public TokenWait Wait { get; set; }

    /// <summary>The input parameters (camunda:inputOutput) of the wait state it is at, as JSON; null when it has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Inputs { get; set; }
}

/// <summary>Why a token stays at its node.</summary>
public enum TokenWait
{
    /// <summary>It is about to execute the node.</summary>
    None,

    /// <summary>A wait state: it waits for completion by the application.</summary>
    Task,

    /// <summary>A join: it waits for the other incoming tokens.</summary>
    Join,

    /// <summary>A sub-process: it waits for the sub-process scope to finish.</summary>
    SubProcess,

    /// <summary>A catch event or event-based gateway: it waits for a message or signal (see <see cref="InstanceState{TData}.Subscriptions"/>).</summary>
    Event,
    /// <summary>A timer catch event: it waits until its <see cref="TimerState"/> fires.</summary>
    Timer,

    /// <summary>A call activity: it waits for the called instance (see <see cref="InstanceState{TData}.Calls"/>) to end.</summary>
    Call,

    /// <summary>
    /// A compensation throw or end event, or the cancel boundary event of a cancelled transaction:
    /// it waits for the compensation handlers run for it (the scope with <see cref="ScopeState.Compensating"/>) to finish.
    /// </summary>
    Compensation,

    /// <summary>A job boundary (asyncBefore/asyncAfter): it waits for its job (see <see cref="InstanceState{TData}.Continuations"/>).</summary>
    Async,
}

/// <summary>A call activity's running call: the token waiting at it and the called instance.</summary>
public sealed class CallState
{
    /// <summary>The token waiting at the call activity.</summary>
    public int TokenId { get; set; }

    /// <summary>The call activity.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The called instance's id.</summary>
    public string ChildInstanceId { get; set; } = "";

    /// <summary>For an element of a multi-instance or looped call activity: its loopCounter (null otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LoopCounter { get; set; }
}

/// <summary>The instance and call activity that started an instance.</summary>
public sealed class CallerState
{
    /// <summary>The calling instance's id.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The call activity in the calling instance.</summary>
    public string NodeId { get; set; } = "";
}

/// <summary>A call to start: the called instance's id (made by the caller), the call activity and the called process's data as JSON.</summary>
internal sealed record CallRequest(string ChildInstanceId, string NodeId, CallDescription Call, string DataJson);

/// <summary>A running sub-process scope.</summary>
public sealed class ScopeState
{
    /// <summary>The scope instance id.</summary>
    public int Id { get; set; }

    /// <summary>The sub-process node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The token waiting at the sub-process in the parent scope.</summary>
    public int ParentTokenId { get; set; }

    /// <summary>The parent scope instance (0 for the process).</summary>
    public int ParentScopeId { get; set; }

    /// <summary>
    /// For a scope a compensation runs in (<see cref="NodeId"/> is the throw event or cancel
    /// boundary event; one such scope per compensated activity, all running at once): the
    /// activities left to compensate in it, latest completed first; the first is the one whose
    /// handler runs now. Null for other scopes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<CompensableState>? Compensating { get; set; }
    /// <summary>For an element of a multi-instance or looped sub-process: its loopCounter (null otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LoopCounter { get; set; }
}

/// <summary>Why an instance failed.</summary>
public sealed class FailureState
{
    /// <summary>The node where it failed.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The exception type, or "BpmnError" for an uncaught error end event or <see cref="FlowError"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The exception message or error code.</summary>
    public string Message { get; set; } = "";

    /// <summary>The <see cref="Kind"/> of an uncaught error end event.</summary>
    public const string ErrorEnd = "BpmnError";

    /// <summary>The <see cref="Kind"/> of a join that waits for tokens that can never arrive.</summary>
    public const string Deadlock = "Deadlock";

    /// <summary>The <see cref="Kind"/> of a run that reached <see cref="ExecutionLimits.MaxStepsPerRun"/> (FLOW6041).</summary>
    public const string StepLimit = "StepLimit";

    /// <summary>The <see cref="Kind"/> of a call activity whose called instance ended without completing (FLOW6201).</summary>
    public const string CallFailed = "CallFailed";

    /// <summary>Whether the failure ended every token (an error end, a deadlock, the step limit, a failed call): nothing is left to retry.</summary>
    internal bool EndedEveryToken => Kind is ErrorEnd or Deadlock or StepLimit or CallFailed;

    /// <summary>A handler's or condition's exception at <paramref name="nodeId"/>; a cancellation is "Cancelled".</summary>
    internal static FailureState Of(string nodeId, Exception exception) => new()
    {
        NodeId = nodeId,
        Kind = exception is OperationCanceledException ? "Cancelled" : exception is FlowError ? ErrorEnd : exception.GetType().FullName ?? exception.GetType().Name,
        Message = exception switch
        {
            FlowError error => error.Code,
            // "The type initializer for 'X' threw an exception." says nothing of why; a retry meets the same.
            TypeInitializationException { InnerException: { } cause } => exception.Message + " " + cause.GetType().Name + ": " + cause.Message,
            _ => exception.Message,
        },
    };
}
