using System;

namespace Flow;

/// <summary>What a task handler gets: the instance's data and where it is.</summary>
/// <typeparam name="TData">The process's data type.</typeparam>
public readonly struct TaskContext<TData>
    where TData : class
{
    private readonly FlowInstance<TData>? _instance;
    private readonly TaskInputs? _inputs;

    /// <summary>Creates a context (the engine and generated code do this).</summary>
    public TaskContext(FlowInstance<TData> instance, string nodeId)
        : this(instance.Data, instance, nodeId)
    {
    }

    /// <summary>
    /// Creates a context over <paramref name="data"/>; <paramref name="instance"/> is null in a run
    /// that makes no instance (<see cref="FlowProcess{TData, TInstance}.RunAsync"/>).
    /// </summary>
    public TaskContext(TData data, FlowInstance<TData>? instance, string nodeId)
    {
        Data = data;
        _instance = instance;
        NodeId = nodeId;
    }

    /// <summary>The instance's data; handlers read and write it.</summary>
    public TData Data { get; }

    /// <summary>The instance id; a run without an instance (RunAsync) has none.</summary>
    public string InstanceId => _instance?.Id
        ?? throw new InvalidOperationException($"Task '{NodeId}' runs without an instance (RunAsync), so it has no instance id; start an instance (StartAsync) to have one.");

    /// <summary>The instance id, or null in a run without an instance.</summary>
    internal string? InstanceIdOrNull => _instance?.Id;

    /// <summary>The id of the task being executed.</summary>
    public string NodeId { get; }

    /// <summary>In a loop or multi-instance activity: the element's index and the counts (else the default, <see cref="LoopInfo.IsLoop"/> false).</summary>
    public LoopInfo Loop { get; init; }

    /// <summary>
    /// The task's evaluated input parameters (<c>camunda:inputParameter</c>) and multi-instance
    /// element, for a handler bound by name (<see cref="IFlowHandler{TData}"/>); empty for a task
    /// without them. A handler written in the process's partial class gets them as its typed
    /// <c>inputs</c> parameter instead.
    /// </summary>
    public TaskInputs Inputs
    {
        get => _inputs ?? TaskInputs.None(NodeId);
        internal init => _inputs = value;
    }
}
