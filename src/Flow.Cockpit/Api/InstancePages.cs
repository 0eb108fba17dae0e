using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Cockpit.Api;

/// <summary>
/// One page of an instance query, loaded a page at a time: the store is asked for at most the page
/// plus one instance (the one more says whether there is a next page) and counts the total without
/// loading rows, so a list over millions of stored instances costs one page of memory. A filter by
/// waiting node needs each instance's state, so it reads the store in bounded batches by id.
/// </summary>
internal static class InstancePages
{
    /// <summary>The largest page the cockpit ever loads, whatever <see cref="CockpitOptions.MaxPageSize"/> says.</summary>
    public const int PageSizeCeiling = 500;

    /// <summary>The matching instances of one page (each with its summary), the total of matches, and whether more follow.</summary>
    public static async Task<(List<(StoredInstance Stored, InstanceSnapshot Summary)> Items, int Total, bool More)> LoadAsync(
        FlowEngine engine, InstanceQuery filter, string? waitingAt, long skip, int size, string? after, CancellationToken cancellationToken)
    {
        var items = new List<(StoredInstance, InstanceSnapshot)>(size + 1);
        if (waitingAt is null)
        {
            var total = await engine.CountAsync(filter, cancellationToken).ConfigureAwait(false);
            if (skip < total)
            {
                // skip < total <= int.MaxValue
                var page = await engine.QueryAsync(filter with { AfterId = after, Offset = skip == 0 ? null : (int)skip, Limit = size + 1 }, cancellationToken).ConfigureAwait(false);
                foreach (var stored in page)
                {
                    items.Add((stored, FlowEngine.Summarize(stored)));
                }
            }

            return Trim(items, total, size);
        }

        bool Waits((StoredInstance Stored, InstanceSnapshot Summary) row) => row.Summary.WaitingAt.Contains(waitingAt);
        if (after is null)
        {
            // One pass: count every match, keep the page's.
            var matched = 0L;
            await ScanAsync(engine, filter, null, row =>
            {
                if (Waits(row) && matched++ >= skip && items.Count <= size)
                {
                    items.Add(row);
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
            return Trim(items, (int)Math.Min(matched, int.MaxValue), size);
        }

        // After an id: count from the start, then the page from that id in the store's order (stopping when it is full).
        var count = 0L;
        await ScanAsync(engine, filter, null, row =>
        {
            count += Waits(row) ? 1 : 0;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        var skipped = 0L;
        await ScanAsync(engine, filter, after, row =>
        {
            if (Waits(row) && skipped++ >= skip)
            {
                items.Add(row);
            }

            return items.Count <= size;
        }, cancellationToken).ConfigureAwait(false);
        return Trim(items, (int)Math.Min(count, int.MaxValue), size);
    }

    private static (List<(StoredInstance, InstanceSnapshot)>, int, bool) Trim(List<(StoredInstance, InstanceSnapshot)> items, int total, int size)
    {
        var more = items.Count > size;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return (items, total, more);
    }

    /// <summary>The matching instances in id order, a bounded batch at a time, until <paramref name="visit"/> says stop.</summary>
    private static async Task ScanAsync(FlowEngine engine, InstanceQuery filter, string? after, Func<(StoredInstance, InstanceSnapshot), bool> visit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await engine.QueryAsync(filter with { AfterId = after, Limit = PageSizeCeiling }, cancellationToken).ConfigureAwait(false);
            foreach (var stored in batch)
            {
                if (!visit((stored, FlowEngine.Summarize(stored))))
                {
                    return;
                }
            }

            if (batch.Count < PageSizeCeiling)
            {
                return;
            }

            after = batch[^1].Id;
        }
    }
}
