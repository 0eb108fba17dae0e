using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.IO;
using System.Linq;

namespace Flow.Benchmarks;

/// <summary>
/// Which types the allocations are (<c>FLOW_PROFILE_ALLOC=1</c> with <c>--profile-engine</c>): the
/// runtime's GCAllocationTick event fires about every 100 KB allocated and names the type of the
/// object that crossed the mark, so the counts are a sample proportional to bytes, not exact.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GCKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private bool _enabled;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GCKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (!_enabled || data.EventName is null || !data.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || data.Payload is null)
        {
            return;
        }

        var type = data.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? data.Payload[t] as string ?? "?" : "?";
        var amount = data.PayloadNames!.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(data.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    public void Start() => _enabled = true;

    /// <summary>The sampled types, largest share first.</summary>
    public void Report(TextWriter output, int top = 30)
    {
        _enabled = false;
        var total = _bytes.Values.Sum();
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            output.WriteLine($"  {bytes * 100.0 / total,5:N1} %  {type}");
        }
    }
}
