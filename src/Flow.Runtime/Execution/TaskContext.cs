namespace Flow;

/// <summary>What a task handler gets: the instance's data and where it is.</summary>
/// <typeparam name="TData">The process's data type.</typeparam>
public readonly struct TaskContext<TData>
    where TData : class
{
    /// <summary>Creates a context (the engine does this).</summary>
    public TaskContext(TData data, string instanceId, string nodeId)
    {
        Data = data;
        InstanceId = instanceId;
        NodeId = nodeId;
    }

    /// <summary>The instance's data; handlers read and write it.</summary>
    public TData Data { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The id of the task being executed.</summary>
    public string NodeId { get; }
}
