using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flow;

/// <summary>
/// The JSON view of a task's inputs for <see cref="IFlowJsonHandler"/>: each input written as a
/// waiting task's inputs are saved (<see cref="InputOutputJson"/>), and the members the handler
/// changed read back as their declared types, all checked before any is set.
/// </summary>
internal static class JsonInputsView
{
    public static JsonObject ToObject(TaskInputs inputs)
    {
        var json = new JsonObject();
        if (inputs.Count == 0)
        {
            return json;
        }

        var options = InputOutputJson.Options();
        foreach (var (name, type, value, _) in inputs.Entries)
        {
            json[name] = JsonSerializer.SerializeToNode(value, type, options);
        }

        return json;
    }

    /// <summary>Checks what the handler changed in <paramref name="after"/> and returns what sets it (FLOW6283 when a change does not fit).</summary>
    public static Action Changes(TaskInputs inputs, JsonObject before, JsonObject after)
    {
        var sets = new List<(string Name, object? Value)>();
        var options = inputs.Count == 0 ? null : InputOutputJson.Options();
        foreach (var (name, type, _, readOnly) in inputs.Entries)
        {
            if (!after.TryGetPropertyValue(name, out var value))
            {
                throw Refused(inputs, $"it removed the input '{name}'; set it to null instead");
            }

            if (JsonNode.DeepEquals(before[name], value))
            {
                continue;
            }

            if (readOnly)
            {
                throw Refused(inputs, $"'{name}' is the multi-instance element, which a handler cannot change");
            }

            try
            {
                var read = value is null ? null : value.Deserialize(type, options);
                if (read is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                {
                    throw new JsonException("null is not a " + TypeNames.Of(type));
                }

                sets.Add((name, read));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException)
            {
                throw Refused(inputs, $"the value of input '{name}' is not {TypeNames.Of(type)}: {ex.Message}");
            }
        }

        foreach (var (name, _) in after)
        {
            if (!before.ContainsKey(name))
            {
                throw Refused(inputs, $"the task has no input '{name}'; a handler changes the inputs the diagram declares (camunda:inputParameter), and the process data through context.Data");
            }
        }

        return () =>
        {
            foreach (var (name, value) in sets)
            {
                inputs.SetChecked(name, value);
            }
        };
    }

    private static FlowExecutionException Refused(TaskInputs inputs, string reason) =>
        inputs.Error(InputErrors.JsonInputChangeRefused, $"the JSON handler of task '{inputs.NodeId}' changed its inputs in a way they cannot take ({reason}); nothing was changed.");
}
