using System;

namespace Flow.Engine;

/// <summary>
/// A message the engine could not deliver as asked: no instance waits for it and no process
/// starts with it (FLOW6181), or several instances wait for it and it was not sent as a
/// broadcast (FLOW6182). Nothing changed.
/// </summary>
public sealed class FlowCorrelationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public FlowCorrelationException(string id, string messageName, string? correlationKey, string message)
        : base(id + ": " + message)
    {
        Id = id;
        MessageName = messageName;
        CorrelationKey = correlationKey;
    }

    /// <summary>FLOW6181 or FLOW6182.</summary>
    public string Id { get; }

    /// <summary>The message name.</summary>
    public string MessageName { get; }

    /// <summary>The correlation key it carried, if any.</summary>
    public string? CorrelationKey { get; }
}
