using System;

namespace Flow;

/// <summary>
/// A call on an instance was refused (a completion that does not fit, a node where nothing
/// waits); the instance is unchanged. <see cref="Id"/> is a FLOW604x id (docs/diagnostics.md).
/// </summary>
public sealed class FlowInstanceException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public FlowInstanceException(string id, string instanceId, string nodeId, string message, Exception? inner = null)
        : base(id + ": " + message, inner)
    {
        Id = id;
        InstanceId = instanceId;
        NodeId = nodeId;
    }

    /// <summary>The FLOW604x id.</summary>
    public string Id { get; }

    /// <summary>The instance concerned.</summary>
    public string InstanceId { get; }

    /// <summary>The node concerned.</summary>
    public string NodeId { get; }
}
