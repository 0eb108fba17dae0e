using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flow;

/// <summary>
/// The JSON view of a process's data for <see cref="IFlowJsonHandler"/>: written by the data's own
/// JSON code, and written back member by member through the same code a completion's outputs use,
/// so every value is checked against its member's type. All changes are read before any is set.
/// </summary>
internal static class JsonDataView
{
    public static JsonObject ToObject<TData>(TData data, DataJson<TData> json)
        where TData : class
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.Write(writer, data);
        }

        return JsonNode.Parse(buffer.ToArray()) as JsonObject ?? new JsonObject();
    }

    public static void Apply<TData>(TData data, DataJson<TData> json, JsonObject before, JsonObject after, string nodeId)
        where TData : class
    {
        var setters = new List<Action<TData>>();
        foreach (var (name, value) in after)
        {
            if (before.TryGetPropertyValue(name, out var old) && JsonNode.DeepEquals(old, value))
            {
                continue;
            }

            var utf8 = JsonSerializer.SerializeToUtf8Bytes(value);
            var reader = new Utf8JsonReader(utf8);
            reader.Read();
            Action<TData>? setter;
            try
            {
                setter = json.ReadOutput(ref reader, name);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                throw Refused(nodeId, $"the value of '{name}' does not fit its member: {ex.Message}");
            }

            setters.Add(setter ?? throw Refused(nodeId, $"the data has no settable member '{name}'"));
        }

        foreach (var (name, _) in before)
        {
            if (!after.ContainsKey(name))
            {
                throw Refused(nodeId, $"it removed the member '{name}'; set it to null instead");
            }
        }

        foreach (var set in setters)
        {
            set(data);
        }
    }

    private static FlowExecutionException Refused(string nodeId, string reason) =>
        new(nodeId, $"{HandlerErrors.JsonChangeRefused}: the JSON handler of task '{nodeId}' changed the data in a way it cannot take ({reason}); nothing was changed.");
}
