using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Flow.Engine;

/// <summary>
/// Migration of instances that can still compensate: a completed activity's record follows it to
/// the same id or the mapped node when that node can be compensated there too (it has a
/// compensation handler, or is a sub-process); an instance whose compensation is running is
/// refused, as is a record whose node the new version cannot compensate, or a sub-process's record
/// with saved inputs that maps to another id (FLOW6290), before anything changes.
/// </summary>
internal static partial class InstanceMigration
{
    private static void MapCompensable(JsonObject state, ProcessDescription target, IReadOnlyDictionary<string, string>? nodeMapping)
    {
        string Mapped(string from) => nodeMapping is not null && nodeMapping.TryGetValue(from, out var to) ? to : from;

        foreach (var scope in state["Scopes"]?.AsArray() ?? new JsonArray())
        {
            if (scope!["Compensating"] is JsonArray { Count: > 0 })
            {
                var at = scope["NodeId"]!.GetValue<string>();
                throw new InvalidOperationException(
                    $"{CompensationErrors.MigrationWhileCompensating}: the instance is compensating (for '{at}'); migrate it once its compensation handlers have finished.");
            }
        }

        var handlers = target.Nodes.Where(n => n.Kind == NodeKind.BoundaryEvent && n.EventKind == EventKind.Compensate && n.AttachedToId is not null)
            .Select(n => n.AttachedToId!).ToHashSet(StringComparer.Ordinal);
        foreach (var record in state["Compensable"]?.AsArray() ?? new JsonArray())
        {
            var from = record!["NodeId"]!.GetValue<string>();
            var to = Mapped(from);
            var node = target.FindNode(to);
            if (node is null || !(handlers.Contains(to) || node.Kind is NodeKind.SubProcess or NodeKind.Transaction))
            {
                throw new InvalidOperationException(
                    $"{CompensationErrors.MigrationLosesCompensation}: '{from}' completed and can still be compensated; it maps to '{to}', which the new version {(node is null ? "does not have" : "cannot compensate (no compensation handler)")}. Map it to an activity with a compensation boundary event, or let the instance end first.");
            }

            // A sub-process's inputs saved for its compensation event sub-process belong to its generated inputs type.
            RefuseMovedInputs(record["Inputs"] is not null, from, to);
            record["NodeId"] = to;
        }
    }
}
