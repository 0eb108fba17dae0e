using System.Text.Json.Nodes;

namespace Flow;

/// <summary>What an <see cref="IFlowJsonHandler"/> gets: the data as a JSON object, and where it runs.</summary>
public sealed class JsonTaskContext
{
    internal JsonTaskContext(string processKey, string nodeId, string? instanceId, JsonObject data, JsonObject inputs)
    {
        Inputs = inputs;
        ProcessKey = processKey;
        NodeId = nodeId;
        InstanceId = instanceId;
        Data = data;
    }

    /// <summary>The process key.</summary>
    public string ProcessKey { get; }

    /// <summary>The id of the task being run.</summary>
    public string NodeId { get; }

    /// <summary>The instance id; null in a run without an instance (<c>RunAsync</c>).</summary>
    public string? InstanceId { get; }

    /// <summary>
    /// The data, one member per variable, in the format of the saved state. Members the handler
    /// changes are written back when it returns; a member the data does not have, or a value not of
    /// its member's type, fails the task (FLOW6242) and changes nothing.
    /// </summary>
    public JsonObject Data { get; }

    /// <summary>
    /// The task's evaluated input parameters (<c>camunda:inputParameter</c>), one member per input
    /// in the format a waiting task's inputs are saved in, and in a multi-instance its element
    /// variable; empty for a task without them. An input the handler changes is what the task's
    /// output parameters see (the process variable of its name does not change); a value not of the
    /// input's type, a new or removed member, or a changed element fails the task (FLOW6283) and
    /// changes nothing.
    /// </summary>
    public JsonObject Inputs { get; }
}
