using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Flow.Engine;

/// <summary>
/// Migration of instances inside loop and multi-instance activities: a loop in progress moves
/// with its token to a node (same id, or the mapping's) that repeats the same way, keeping its
/// counts and completed elements; anything else is refused naming the node, before anything changes.
/// </summary>
internal static partial class InstanceMigration
{
    private static void MapLoops(JsonObject state, ProcessDescription target, IReadOnlyDictionary<string, string>? nodeMapping)
    {
        string Mapped(string from) => nodeMapping is not null && nodeMapping.TryGetValue(from, out var to) ? to : from;

        var looping = new HashSet<int>();
        foreach (var loop in state["Loops"]?.AsArray() ?? new JsonArray())
        {
            var from = loop!["NodeId"]!.GetValue<string>();
            var to = Mapped(from);
            var type = loop["Type"]?.GetValue<string>();
            var completed = loop["Completed"]?.GetValue<int>() ?? 0;
            var shape = target.FindNode(to)?.Loop;
            if (shape is null || shape.Type.ToString() != type)
            {
                throw new InvalidOperationException(
                    $"The instance is inside the {Describe(type)} '{from}' ({completed} done), which maps to '{to}', where the new version has {(shape is null ? "no loop" : "a " + Describe(shape.Type.ToString()))}; map it to a node that repeats the same way, or let the loop finish first.");
            }

            RefuseMovedInputs(loop["Inputs"] is not null, from, to);
            loop["NodeId"] = to;
            looping.Add(loop["TokenId"]!.GetValue<int>());
        }

        // A token waiting at a plain wait state, sub-process or call cannot start waiting for elements it never had.
        foreach (var token in state["Tokens"]?.AsArray() ?? new JsonArray())
        {
            var from = token!["NodeId"]!.GetValue<string>();
            var to = Mapped(from);
            var wait = token["Wait"]?.GetValue<string>();
            if (wait is nameof(TokenWait.Task) or nameof(TokenWait.SubProcess) or nameof(TokenWait.Call) && !looping.Contains(token["Id"]!.GetValue<int>())
                && target.FindNode(to)?.Loop is { } added)
            {
                throw new InvalidOperationException(
                    $"The token waiting at '{from}' maps to '{to}', a {Describe(added.Type.ToString())} in the new version; an instance waiting there before it repeated cannot be moved into its elements.");
            }
        }
    }

    private static string Describe(string? type) => type switch
    {
        nameof(LoopType.ParallelMultiInstance) => "parallel multi-instance",
        nameof(LoopType.SequentialMultiInstance) => "sequential multi-instance",
        nameof(LoopType.Standard) => "standard loop",
        _ => "loop",
    };
}
