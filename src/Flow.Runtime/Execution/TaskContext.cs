namespace Flow;

/// <summary>What a task handler gets: the instance's data and where it is.</summary>
/// <typeparam name="TData">The process's data type.</typeparam>
public readonly struct TaskContext<TData>
    where TData : class
{
    private readonly FlowInstance<TData> _instance;

    /// <summary>Creates a context (the engine and generated code do this).</summary>
    public TaskContext(FlowInstance<TData> instance, string nodeId)
    {
        _instance = instance;
        NodeId = nodeId;
    }

    /// <summary>The instance's data; handlers read and write it.</summary>
    public TData Data => _instance.Data;

    /// <summary>The instance id.</summary>
    public string InstanceId => _instance.Id;

    /// <summary>The id of the task being executed.</summary>
    public string NodeId { get; }
}
