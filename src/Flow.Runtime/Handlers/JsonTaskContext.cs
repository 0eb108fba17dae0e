using System.Text.Json.Nodes;

namespace Flow;

/// <summary>What an <see cref="IFlowJsonHandler"/> gets: the data as a JSON object, and where it runs.</summary>
public sealed class JsonTaskContext
{
    internal JsonTaskContext(string processKey, string nodeId, string? instanceId, JsonObject data)
    {
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
}
