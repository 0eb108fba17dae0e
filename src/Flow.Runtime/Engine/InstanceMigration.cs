using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Flow.Engine;

/// <summary>Rewrites a saved instance state for another version of its process (pure: JSON in, JSON out).</summary>
internal static partial class InstanceMigration
{
    public static string Map(string stateJson, ProcessDescription target, IReadOnlyDictionary<string, string>? nodeMapping)
    {
        var state = JsonNode.Parse(stateJson)!.AsObject();
        MapLoops(state, target, nodeMapping);
        MapCompensable(state, target, nodeMapping);
        MapContinuations(state, target, nodeMapping);
        foreach (var token in state["Tokens"]!.AsArray())
        {
            var from = token!["NodeId"]!.GetValue<string>();
            var to = nodeMapping is not null && nodeMapping.TryGetValue(from, out var mapped) ? mapped : from;
            var node = target.FindNode(to) ?? throw new InvalidOperationException($"Token at '{from}' maps to '{to}', which the new version does not have.");
            RefuseMovedInputs(token["Inputs"] is not null, from, to);
            var wait = token["Wait"]!.GetValue<string>();
            var fits = wait switch
            {
                nameof(TokenWait.Task) => node.Kind is NodeKind.UserTask or NodeKind.ReceiveTask or NodeKind.ManualTask,
                nameof(TokenWait.SubProcess) => node.Kind is NodeKind.SubProcess or NodeKind.Transaction,
                nameof(TokenWait.Join) => node.Kind is NodeKind.ParallelGateway or NodeKind.InclusiveGateway,
                nameof(TokenWait.Event) => node.Kind is NodeKind.IntermediateCatchEvent or NodeKind.EventBasedGateway,
                nameof(TokenWait.Timer) => node.Kind == NodeKind.IntermediateCatchEvent && node.EventKind == EventKind.Timer,
                nameof(TokenWait.Call) => node.Kind == NodeKind.CallActivity,
                _ => true,
            };
            if (!fits)
            {
                throw new InvalidOperationException($"Token waiting at '{from}' ({wait}) cannot wait at '{to}', a {node.Kind} in the new version.");
            }

            token["NodeId"] = to;
        }

        foreach (var scope in state["Scopes"]?.AsArray() ?? new JsonArray())
        {
            var from = scope!["NodeId"]!.GetValue<string>();
            scope["NodeId"] = nodeMapping is not null && nodeMapping.TryGetValue(from, out var mapped) ? mapped : from;
        }

        // A listener moves with the mapping too, and must still listen for the same thing there.
        foreach (var subscription in state["Subscriptions"]?.AsArray() ?? new JsonArray())
        {
            var from = subscription!["NodeId"]!.GetValue<string>();
            var to = nodeMapping is not null && nodeMapping.TryGetValue(from, out var mapped) ? mapped : from;
            var name = subscription["Name"]!.GetValue<string>();
            if (target.FindNode(to) is not { } node || node.EventName != name)
            {
                throw new InvalidOperationException($"The instance waits for '{name}' at '{from}', which maps to '{to}', where the new version does not wait for it.");
            }

            subscription["NodeId"] = to;
        }

        // A timer keeps its job and due time; it follows its node like the token does.
        foreach (var timer in state["Timers"]?.AsArray() ?? new JsonArray())
        {
            foreach (var field in new[] { "NodeId", "WaitNodeId" })
            {
                var from = timer![field]!.GetValue<string>();
                timer[field] = nodeMapping is not null && nodeMapping.TryGetValue(from, out var mapped) ? mapped : from;
            }
        }

        // A running call follows its call activity; the called instance runs on, on its own version,
        // and is matched back by its id when it ends.
        foreach (var call in state["Calls"]?.AsArray() ?? new JsonArray())
        {
            var from = call!["NodeId"]!.GetValue<string>();
            call["NodeId"] = nodeMapping is not null && nodeMapping.TryGetValue(from, out var mapped) ? mapped : from;
        }

        state["DefinitionHash"] = target.DefinitionHash;
        return state.ToJsonString();
    }

    /// <summary>
    /// Saved input parameters (camunda:inputOutput) belong to the element they were evaluated for
    /// (its generated inputs type): they move only with a token that keeps its element's id.
    /// </summary>
    private static void RefuseMovedInputs(bool hasInputs, string from, string to)
    {
        if (hasInputs && from != to)
        {
            throw new InvalidOperationException(
                $"{InstanceErrors.InputsNotMigrated}: the instance keeps the input parameters of '{from}' (camunda:inputOutput; for a sub-process, the locals of everything inside it), which maps to '{to}'; saved inputs move only to an element with the same id. Keep the id '{from}' in the new version, or migrate after the instance has left '{from}'.");
        }
    }
}
