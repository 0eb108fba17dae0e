using System;

namespace Flow.Cockpit;

/// <summary>Options of <see cref="CockpitServiceCollectionExtensions.AddFlowCockpit"/>.</summary>
public sealed class CockpitOptions
{
    /// <summary>
    /// The authorization policy every read endpoint (and the page) requires. Outside Development
    /// it must be set, together with <see cref="OperatorPolicy"/>, or mapping the cockpit fails
    /// with FLOW6400; in Development, null leaves the cockpit open (anonymous reader and operator).
    /// </summary>
    public string? ReaderPolicy { get; set; }

    /// <summary>
    /// The authorization policy every changing endpoint (start, complete, abort, migrate, rollback,
    /// undeploy) requires, in addition to <see cref="ReaderPolicy"/>. Name a stricter policy than
    /// the reader's: the page shows its buttons only to users who pass it.
    /// </summary>
    public string? OperatorPolicy { get; set; }

    /// <summary>How many deployment events the cockpit keeps for the timeline (default 500; older ones are dropped).</summary>
    public int EventHistory { get; set; } = 500;

    /// <summary>The most instances one query page returns (default 200).</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// How often a live stream recomputes the waiting counts it shows when nothing told it of a
    /// change (changes made through the cockpit and deployment events push at once). Default 2 s.
    /// </summary>
    public TimeSpan LiveRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
