using System;

namespace Flow.Cockpit.Live;

/// <summary>
/// One deployment event as the timeline shows it. <see cref="Kind"/>: activated, rollback (an
/// activation of a version that had been activated before), unchanged, failed, unloaded,
/// undeployed. <see cref="FlowId"/> is the FLOW id of a failure.
/// </summary>
public sealed record CockpitEvent(long Sequence, DateTimeOffset At, string Kind, string Name, int Version, string? FlowId, string? Message);
