using System.Collections.Generic;

namespace Flow.Engine;

/// <summary>What happens to running instances when a new version of their process goes live (Drools Flow's choices).</summary>
public enum InstanceStrategy
{
    /// <summary>They go on on the version they started with (the default).</summary>
    Proceed,

    /// <summary>They are aborted.</summary>
    Abort,

    /// <summary>They move to the new version, tokens mapped by node id (same ids by default).</summary>
    Migrate,
}

/// <summary>The strategy for one process key, and for <see cref="InstanceStrategy.Migrate"/> the node mapping (old id → new id).</summary>
public sealed record KeyStrategy(InstanceStrategy Strategy, IReadOnlyDictionary<string, string>? NodeMapping = null);
