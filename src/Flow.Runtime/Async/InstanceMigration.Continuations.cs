using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Flow.Engine;

internal static partial class InstanceMigration
{
    /// <summary>
    /// A token waiting at a job boundary follows its node (mapped by id) and keeps its job; the
    /// node in the new version must have the same boundary (asyncBefore, or asyncAfter with the
    /// flows the token chose), else the migration is refused (FLOW6262) and nothing changes.
    /// </summary>
    private static void MapContinuations(JsonObject state, ProcessDescription target, IReadOnlyDictionary<string, string>? nodeMapping)
    {
        foreach (var continuation in state["Continuations"]?.AsArray() ?? new JsonArray())
        {
            var from = continuation!["NodeId"]!.GetValue<string>();
            var to = nodeMapping is not null && nodeMapping.TryGetValue(from, out var mapped) ? mapped : from;
            var after = continuation["After"]?.GetValue<bool>() == true;
            var where = after ? "asyncAfter" : "asyncBefore";
            if (target.FindNode(to) is not { } node || node.Async is not { } async || (after ? !async.After : !async.Before))
            {
                throw new System.InvalidOperationException(
                    $"{AsyncErrors.MigrationRefused}: a token waits for its job at the {where} boundary of '{from}', which maps to '{to}', where the new version has no {where} boundary. Map it to a node with one, or let the job run first.");
            }

            if (after)
            {
                var outgoing = target.Flows.Where(f => f.SourceId == to).Select(f => f.Id).ToHashSet(System.StringComparer.Ordinal);
                foreach (var flow in continuation["Flows"]?.AsArray() ?? new JsonArray())
                {
                    var id = flow!.GetValue<string>();
                    if (!outgoing.Contains(id))
                    {
                        throw new System.InvalidOperationException(
                            $"{AsyncErrors.MigrationRefused}: a token waits after '{from}' to take the flow '{id}', which does not leave '{to}' in the new version.");
                    }
                }
            }

            continuation["NodeId"] = to;
        }
    }
}
