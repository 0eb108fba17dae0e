using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// The base of every generated process class. Generated code supplies the description and the
/// node behaviour (task handlers, conditions, scripts) by index; this class starts and resumes
/// instances and runs them with the token engine, or with the generated straight-line method
/// when the process has no wait state.
/// </summary>
/// <typeparam name="TData">The process data type.</typeparam>
/// <typeparam name="TInstance">The generated instance type (with typed completions).</typeparam>
public abstract partial class FlowProcess<TData, TInstance> : FlowProcess<TData>, IFlowProcess, ICallableProcess, IReadsUtf8Data, IStartsWithOwnData
    where TData : class
    where TInstance : FlowInstance<TData>
{
    /// <inheritdoc/>
    async ValueTask<IFlowInstance> ICallableProcess.StartCalledAsync(string dataJson, string instanceId, CallerState caller, CancellationToken cancellationToken)
    {
        var state = InstanceState<TData>.For(Definition, DataFromJson(dataJson), InstanceStatus.Running);
        state.InstanceId = instanceId;
        state.CalledBy = caller;
        TokenEngine<TData>.PlaceStartTokens(Graph, state);
        var instance = CreateInstance(state.Data, state);
        await instance.RunAsync(cancellationToken).ConfigureAwait(false);
        return instance;
    }

    /// <inheritdoc/>
    public Type DataType => typeof(TData);

    /// <inheritdoc/>
    ValueTask<IFlowInstance> IFlowProcess.StartAsync(object data, CancellationToken cancellationToken)
    {
        // Most starts run to their first wait state synchronously: no state machine just to change the result's type.
        var started = StartAsync((TData)data, cancellationToken);
        return started.IsCompletedSuccessfully ? new ValueTask<IFlowInstance>(started.Result) : AsInstanceAsync(started);
    }

    private static async ValueTask<IFlowInstance> AsInstanceAsync(ValueTask<TInstance> started) =>
        await started.ConfigureAwait(false);

    /// <inheritdoc/>
    IFlowInstance IFlowProcess.ResumeFromJson(string json) => ResumeFromJson(json);

    /// <inheritdoc/>
    async ValueTask<IFlowInstance> IFlowProcess.StartAtAsync(object data, string startNodeId, string? payloadJson, CancellationToken cancellationToken) =>
        await StartAtAsync((TData)data, startNodeId, payloadJson is null ? null : d => CompletionOutput<TData>.Read(Graph.Node(StartIndex(startNodeId)), "", payloadJson, DataJson)?.Invoke(d), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Starts an instance at one of the process's start events (a message or signal start event),
    /// on the token engine; <paramref name="payload"/> is applied to the data first.
    /// </summary>
    public ValueTask<TInstance> StartAtAsync(TData data, string startNodeId, Action<TData>? payload = null, CancellationToken cancellationToken = default)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        var start = StartIndex(startNodeId);
        payload?.Invoke(data);
        var state = InstanceState<TData>.For(Definition, data, InstanceStatus.Running);
        state.Tokens.Add(new TokenState { Id = ++state.NextId, NodeId = Graph.Node(start).Id, ScopeId = 0 });
        TokenEngine<TData>.ListenForProcessEventSubProcesses(Graph, state);
        var instance = CreateInstance(data, state);
        var run = instance.RunAsync(cancellationToken);
        return run.IsCompletedSuccessfully ? new ValueTask<TInstance>(instance) : AwaitRun(run, instance);
    }

    private int StartIndex(string startNodeId) =>
        Graph.NodeIndex.TryGetValue(startNodeId, out var index) && Graph.Node(index) is { Kind: NodeKind.StartEvent } node && node.ScopeId == Definition.Key
            ? index
            : throw new ArgumentException($"Process '{Definition.Key}' has no start event '{startNodeId}'.", nameof(startNodeId));

    /// <inheritdoc/>
    object IFlowProcess.DataFromJson(string json) => DataFromJson(json);

    /// <summary>Reads the process data from a JSON object (the format of the saved state's data).</summary>
    public TData DataFromJson(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        return JsonBuffer.ReadUtf8(json, this, static (utf8, process) => process.DataFromUtf8(utf8));
    }

    /// <summary>
    /// Reads the process data from a JSON object given as UTF-8 (e.g. a request body), without
    /// making a string of it first; the same format and errors as <see cref="DataFromJson"/>.
    /// </summary>
    public TData DataFromUtf8(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(JsonUtf8.WithoutBom(utf8Json));
        if (!reader.Read())
        {
            throw new JsonException("The data JSON is empty.");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            throw new ArgumentException("The data JSON is null.", nameof(utf8Json));
        }

        JsonValues.ExpectObject(ref reader, typeof(TData));
        var data = DataJson.Read(ref reader);
        return reader.Read() ? throw new JsonException("The data JSON has content after its end.") : data;
    }

    /// <inheritdoc/>
    object IReadsUtf8Data.DataFromUtf8(ReadOnlySpan<byte> utf8Json) => DataFromUtf8(utf8Json);

    /// <inheritdoc/>
    async ValueTask<IFlowInstance> IFlowProcess.StartAtAsync(string startNodeId, object data, string? instanceId, CancellationToken cancellationToken) =>
        await StartAtAsync(startNodeId, (TData)data, instanceId, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Starts an instance at the start event <paramref name="startNodeId"/> (e.g. a timer start
    /// event firing), with the id <paramref name="instanceId"/> when given, on the token engine.
    /// </summary>
    public async ValueTask<TInstance> StartAtAsync(string startNodeId, TData data, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (Definition.FindNode(startNodeId) is not { Kind: NodeKind.StartEvent } start || start.ScopeId != Definition.Key)
        {
            throw new ArgumentException($"'{startNodeId}' is not a start event of process '{Definition.Key}'.", nameof(startNodeId));
        }

        var state = InstanceState<TData>.For(Definition, data, InstanceStatus.Running);
        state.InstanceId = instanceId ?? "";
        state.Tokens.Add(new TokenState { Id = ++state.NextId, NodeId = startNodeId, ScopeId = 0 });
        var instance = CreateInstance(data, state);
        await instance.RunAsync(cancellationToken).ConfigureAwait(false);
        return instance;
    }

    /// <summary>Resumes an instance saved with <see cref="FlowInstance{TData}.ToJson"/>.</summary>
    public TInstance ResumeFromJson(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        return Resume(JsonBuffer.ReadUtf8(json, DataJson, static (utf8, codec) => InstanceStateJson.Read(utf8, codec, out _)));
    }

    /// <summary>Starts an instance and runs it to its first wait state or its end.</summary>
    public ValueTask<TInstance> StartAsync(TData data, CancellationToken cancellationToken = default) => StartAsync(data, dataOnlyInEngine: false, cancellationToken);

    /// <inheritdoc/>
    ValueTask<IFlowInstance> IStartsWithOwnData.StartWithOwnDataAsync(object data, CancellationToken cancellationToken)
    {
        var started = StartAsync((TData)data, dataOnlyInEngine: true, cancellationToken);
        return started.IsCompletedSuccessfully ? new ValueTask<IFlowInstance>(started.Result) : AsInstanceAsync(started);
    }

    /// <summary><see cref="StartAsync(TData, CancellationToken)"/>; <paramref name="dataOnlyInEngine"/>: the engine made the data and nobody else has it (<see cref="InstanceState{TData}.DataOnlyInEngine"/>).</summary>
    private ValueTask<TInstance> StartAsync(TData data, bool dataOnlyInEngine, CancellationToken cancellationToken)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (HasStraightPath && !EngineSwitch.ForceTokenEngine)
        {
            // No state object: the instance keeps the run's outcome and makes the state if asked.
            var straight = CreateInstance(data, null);
            var outcome = RunStraightAsync(data, straight, cancellationToken);
            if (outcome.IsCompletedSuccessfully)
            {
                straight.FinishRun(outcome.Result);
                return new ValueTask<TInstance>(straight);
            }

            return AwaitStraight(outcome, straight);
        }

        var state = InstanceState<TData>.For(Definition, data, InstanceStatus.Running);
        if (dataOnlyInEngine)
        {
            state.OwnData();
        }

        state.Trace = new List<string>(Definition.Nodes.Count);
        TokenEngine<TData>.PlaceStartTokens(Graph, state);
        var instance = CreateInstance(data, state);
        var run = instance.RunAsync(cancellationToken);

        // Most runs end synchronously (handlers that do not await): no second state machine then.
        return run.IsCompletedSuccessfully ? new ValueTask<TInstance>(instance) : AwaitRun(run, instance);
    }

    /// <summary>
    /// Runs a process without wait states on <paramref name="data"/> and returns how it ended,
    /// without making an instance (no id, no trace, nothing saved): the cheapest way to run it
    /// when the caller needs only the data and the outcome. A handler asking for the instance id
    /// gets an <see cref="InvalidOperationException"/>. A process with wait states (or a graph
    /// the straight-line method cannot run) is refused; start an instance instead.
    /// </summary>
    public ValueTask<RunOutcome> RunAsync(TData data, CancellationToken cancellationToken = default)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (!HasStraightPath)
        {
            throw new InvalidOperationException($"Process '{Definition.Key}' has wait states or a graph the straight-line method cannot run; start an instance with StartAsync.");
        }

        var run = RunStraightAsync(data, null, cancellationToken);
        return run.IsCompletedSuccessfully ? new ValueTask<RunOutcome>(Named(run.Result)) : AwaitOutcome(run);
    }

    private async ValueTask<RunOutcome> AwaitOutcome(ValueTask<RunOutcome> run) => Named(await run.ConfigureAwait(false));

    /// <summary>A thrown exception's failure, named after its node (an instance does this from its state).</summary>
    private RunOutcome Named(RunOutcome outcome) =>
        outcome.Exception is null ? outcome : outcome.WithFailureAt(Definition.Nodes[outcome.At < 0 ? ~outcome.At : outcome.At].Id);

    private static async ValueTask<TInstance> AwaitStraight(ValueTask<RunOutcome> run, TInstance instance)
    {
        instance.FinishRun(await run.ConfigureAwait(false));
        return instance;
    }

    /// <summary>
    /// Resumes an instance from its saved state (e.g. after a JSON round trip). The state must
    /// come from this process and this version of its definition.
    /// </summary>
    public TInstance Resume(InstanceState<TData> state)
    {
        if (state is null)
        {
            throw new ArgumentNullException(nameof(state));
        }

        if (state.ProcessKey != Definition.Key || state.DefinitionHash != Definition.DefinitionHash)
        {
            throw new InvalidOperationException(
                $"Instance {state.InstanceId} runs on process '{state.ProcessKey}' version {state.DefinitionHash}, not '{Definition.Key}' version {Definition.DefinitionHash}.");
        }

        foreach (var token in state.Tokens)
        {
            if (!Graph.NodeIndex.ContainsKey(token.NodeId))
            {
                throw new InvalidOperationException($"Instance {state.InstanceId} has a token at '{token.NodeId}', which this process does not have.");
            }
        }

        foreach (var subscription in state.Subscriptions)
        {
            if (!Graph.NodeIndex.ContainsKey(subscription.NodeId))
            {
                throw new InvalidOperationException($"Instance {state.InstanceId} waits for '{subscription.Name}' at '{subscription.NodeId}', which this process does not have.");
            }
        }

        return CreateInstance(state.Data, state);
    }

    private static async ValueTask<TInstance> AwaitRun(ValueTask run, TInstance instance)
    {
        await run.ConfigureAwait(false);
        return instance;
    }

    /// <summary>
    /// Makes the generated instance type: over <paramref name="state"/> when there is one (resume,
    /// token engine), else a new straight-line run over <paramref name="data"/>.
    /// </summary>
    protected abstract TInstance CreateInstance(TData data, InstanceState<TData>? state);

    /// <summary>Whether the generator emitted a straight-line method (no wait state, structured graph).</summary>
    protected virtual bool HasStraightPath => false;

    /// <summary>
    /// The straight-line run of a process without wait states over <paramref name="data"/>;
    /// <paramref name="instance"/> is null when the caller wants no instance (<see cref="RunAsync"/>).
    /// A cancellation is recorded in the instance and thrown; anything else ends in the outcome.
    /// By default it runs the synchronous <see cref="RunStraight"/>; a process whose choices do not
    /// fit the path has an async method of its own instead.
    /// </summary>
    protected virtual ValueTask<RunOutcome> RunStraightAsync(TData data, TInstance? instance, CancellationToken cancellationToken) =>
        RunStraightSynchronously(data, instance, cancellationToken);
}
