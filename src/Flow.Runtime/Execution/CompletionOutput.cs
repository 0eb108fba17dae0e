using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flow;

/// <summary>
/// Reads a completion's output given as JSON (hosts that know a process only by key complete
/// wait states this way). Only the wait state's declared outputs are accepted, by their exact
/// names, each as the type of its data member; anything else is a FLOW6040 error naming the key
/// and the node. Everything is checked before anything is set, so a refused output changes nothing.
/// </summary>
internal static class CompletionOutput<TData>
    where TData : class
{
    /// <summary>What to set in the data, or null for no output (null, empty or whitespace JSON).</summary>
    public static Action<TData>? Read(NodeDescription node, string instanceId, string? outputJson)
    {
        if (string.IsNullOrWhiteSpace(outputJson))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(outputJson);
        }
        catch (JsonException ex)
        {
            throw Refused(node, instanceId, $"the output is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Refused(node, instanceId, $"the output must be a JSON object of its outputs ({Declared(node)}), not a {root.ValueKind}");
            }

            var options = InstanceJson<TData>.Options;
            var members = options.GetTypeInfo(typeof(TData)).Properties;
            var values = new List<(JsonPropertyInfo Member, object? Value)>();
            foreach (var property in root.EnumerateObject())
            {
                var key = property.Name;
                if (!node.Outputs.Contains(key, StringComparer.Ordinal))
                {
                    var sameButCase = node.Outputs.FirstOrDefault(o => string.Equals(o, key, StringComparison.OrdinalIgnoreCase));
                    var hint = sameButCase is null ? "" : $" (names are case-sensitive: did you mean '{sameButCase}'?)";
                    throw Refused(node, instanceId, $"'{key}' is not one of its outputs{hint}; it declares {Declared(node)}");
                }

                if (values.Any(v => v.Member.Name == key))
                {
                    throw Refused(node, instanceId, $"'{key}' is given twice");
                }

                var member = members.FirstOrDefault(m => m.Name == key && m.Set is not null)
                    ?? throw Refused(node, instanceId, $"the data has no settable member for the output '{key}'");
                object? value;
                try
                {
                    value = property.Value.Deserialize(member.PropertyType, options);
                }
                catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
                {
                    throw Refused(node, instanceId, $"the value of '{key}' is not a {member.PropertyType}: {ex.Message}", ex);
                }

                values.Add((member, value));
            }

            return values.Count == 0 ? null : data =>
            {
                foreach (var (member, value) in values)
                {
                    member.Set!(data, value);
                }
            };
        }
    }

    private static string Declared(NodeDescription node) =>
        node.Outputs.Count == 0 ? "no outputs" : "the outputs " + string.Join(", ", node.Outputs.Select(o => "'" + o + "'"));

    private static FlowInstanceException Refused(NodeDescription node, string instanceId, string reason, Exception? inner = null) =>
        new(InstanceErrors.OutputNotAccepted, instanceId, node.Id, $"Completing '{node.Id}' of instance {instanceId}: {reason}. Nothing was changed.", inner);
}
