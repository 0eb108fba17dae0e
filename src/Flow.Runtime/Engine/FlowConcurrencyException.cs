using System;

namespace Flow.Engine;

/// <summary>Another call changed the instance first (e.g. two nodes completed the same task); nothing was saved.</summary>
public sealed class FlowConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlowConcurrencyException(string instanceId)
        : base($"Instance {instanceId} was changed by another call; this call's changes were not saved.") => InstanceId = instanceId;

    /// <summary>The instance.</summary>
    public string InstanceId { get; }
}
