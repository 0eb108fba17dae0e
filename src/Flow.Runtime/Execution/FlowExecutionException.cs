using System;

namespace Flow;

/// <summary>A process cannot go on: no outgoing condition held, or a completion does not fit.</summary>
public sealed class FlowExecutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlowExecutionException(string nodeId, string message)
        : base(message) => NodeId = nodeId;

    /// <summary>The node concerned.</summary>
    public string NodeId { get; }
}
