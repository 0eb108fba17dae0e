using System;

namespace Flow;

/// <summary>
/// Evaluating conditional start events failed: the process asked for has none (FLOW6190), or a
/// condition threw (FLOW6191, the exception inside). No instance was started by that evaluation.
/// </summary>
public sealed class FlowStartConditionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public FlowStartConditionException(string id, string processKey, string? nodeId, string message, Exception? innerException = null)
        : base(id + ": " + message, innerException)
    {
        Id = id;
        ProcessKey = processKey;
        NodeId = nodeId;
    }

    /// <summary>FLOW6190 or FLOW6191.</summary>
    public string Id { get; }

    /// <summary>The process.</summary>
    public string ProcessKey { get; }

    /// <summary>The conditional start event whose condition threw (FLOW6191); null for FLOW6190.</summary>
    public string? NodeId { get; }
}
