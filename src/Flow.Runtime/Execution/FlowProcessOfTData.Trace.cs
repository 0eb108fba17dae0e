using System.Collections.Generic;

namespace Flow;

/// <summary>What generated trace replays share (<see cref="ReplayStraightTrace"/>).</summary>
public abstract partial class FlowProcess<TData>
{
    /// <summary>
    /// Adds <paramref name="nodeIds"/> to <paramref name="trace"/> in order, stopping before
    /// <paramref name="stoppedAt"/> (the node a failed run stopped at, not taken); true when it stopped.
    /// Generated replays pass each run of consecutive nodes in one call.
    /// </summary>
    protected static bool ReplayTrace(List<string> trace, string? stoppedAt, params string[] nodeIds)
    {
        System.ArgumentNullException.ThrowIfNull(trace);
        System.ArgumentNullException.ThrowIfNull(nodeIds);
        foreach (var id in nodeIds)
        {
            if (stoppedAt is not null && string.Equals(id, stoppedAt, System.StringComparison.Ordinal))
            {
                return true;
            }

            trace.Add(id);
        }

        return false;
    }
}
