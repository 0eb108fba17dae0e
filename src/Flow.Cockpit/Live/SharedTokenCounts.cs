using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Flow.Engine;

namespace Flow.Cockpit.Live;

/// <summary>
/// The counts the live streams show, computed once for all open pages of a key and version:
/// a stream takes the last result while it is younger than the refresh interval (or five times
/// what computing it took, when that is longer: many instances on a busy machine) and nothing was
/// changed through the cockpit since; otherwise one stream computes and the others await the same task.
/// </summary>
public sealed class SharedTokenCounts(FlowEngine engine, CockpitSignals signals, TimeProvider? clock = null)
{
    private readonly Dictionary<(string Key, int? Version), Entry> _entries = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The counts of <paramref name="key"/> (all versions, or one), at most <paramref name="maxAge"/> old unless computing is slower.</summary>
    public Task<IReadOnlyList<NodeTokenCount>> GetAsync(string key, int? version, TimeSpan maxAge)
    {
        var generation = signals.Generation;
        var now = _clock.GetUtcNow();
        lock (_entries)
        {
            if (_entries.TryGetValue((key, version), out var entry) && entry.Generation == generation
                && (!entry.Counts.IsCompleted || now - entry.StartedAt < Max(maxAge, entry.Took * 5)))
            {
                return entry.Counts;
            }

            var fresh = new Entry(generation, now);
            fresh.Counts = ComputeAsync(key, version, fresh);
            _entries[(key, version)] = fresh;
            return fresh.Counts;
        }
    }

    private async Task<IReadOnlyList<NodeTokenCount>> ComputeAsync(string key, int? version, Entry entry)
    {
        await Task.Yield();
        var watch = Stopwatch.StartNew();
        try
        {
            return await engine.CountTokensAsync(key, version, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            entry.Took = watch.Elapsed;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Entry(long generation, DateTimeOffset startedAt)
    {
        public long Generation { get; } = generation;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public Task<IReadOnlyList<NodeTokenCount>> Counts { get; set; } = null!;

        public TimeSpan Took { get; set; }
    }
}
