using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Flow;

/// <summary>
/// The data that crosses a call activity, as JSON (the caller and the called process are
/// different types, often in different assemblies): in mappings build the called instance's data
/// from the caller's, out mappings set the caller's data from the called instance's.
/// </summary>
internal static class CallData
{
    /// <summary>The called process's data: each in mapping in order (variables="all" copies every variable; the called data skips what it does not have).</summary>
    public static string Input<TData>(CallDescription call, TData data, string dataJson, Func<int, TData, object?> evaluate)
    {
        if (call.Inputs.Count == 0)
        {
            return "{}";
        }

        using var document = JsonDocument.Parse(dataJson);
        var root = document.RootElement;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var mapping in call.Inputs)
            {
                if (mapping.All)
                {
                    foreach (var member in root.EnumerateObject())
                    {
                        member.WriteTo(writer);
                    }
                }
                else if (mapping.ExpressionIndex >= 0)
                {
                    writer.WritePropertyName(mapping.Target!);
                    WriteValue(writer, evaluate(mapping.ExpressionIndex, data));
                }
                else if (root.TryGetProperty(mapping.Source!, out var value))
                {
                    writer.WritePropertyName(mapping.Target!);
                    value.WriteTo(writer);
                }
                else
                {
                    // As Camunda: a source variable that is not there arrives as null.
                    writer.WriteNull(mapping.Target!);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// What the called instance's data (<paramref name="calledJson"/>) sets in the caller's data: each
    /// out mapping's target (a member the caller must have, FLOW6202), or with variables="all" every
    /// member both have. Everything is read before anything is set.
    /// </summary>
    public static Action<TData>? Output<TData>(NodeDescription node, string instanceId, string calledJson, DataJson<TData> json)
        where TData : class
    {
        var call = node.Call!;
        if (call.Outputs.Count == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(calledJson);
        var root = document.RootElement;
        var setters = new List<Action<TData>>();
        foreach (var mapping in call.Outputs)
        {
            if (mapping.All)
            {
                foreach (var member in root.EnumerateObject())
                {
                    if (Read(member.Value, member.Name, json, node, instanceId, required: false) is { } set)
                    {
                        setters.Add(set);
                    }
                }
            }
            else
            {
                var value = root.TryGetProperty(mapping.Source!, out var v) ? v : default;
                setters.Add(Read(value, mapping.Target!, json, node, instanceId, required: true)!);
            }
        }

        return data =>
        {
            foreach (var set in setters)
            {
                set(data);
            }
        };
    }

    private static Action<TData>? Read<TData>(JsonElement value, string target, DataJson<TData> json, NodeDescription node, string instanceId, bool required)
        where TData : class
    {
        var bytes = value.ValueKind == JsonValueKind.Undefined ? "null"u8.ToArray() : Encoding.UTF8.GetBytes(value.GetRawText());
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        try
        {
            var setter = json.ReadOutput(ref reader, target);
            return setter is not null || !required ? setter
                : throw Refused(node, instanceId, $"the calling process's data has no member '{target}'", null);
        }
        catch (JsonValueException ex)
        {
            if (!required)
            {
                return null;   // variables="all": a member of the same name but another type is not copied
            }

            throw Refused(node, instanceId, $"the value for '{target}' is not a {ex.ValueType}: {ex.Message}", ex);
        }
    }

    private static FlowInstanceException Refused(NodeDescription node, string instanceId, string reason, Exception? inner) =>
        new(InstanceErrors.CallOutputNotAccepted, instanceId, node.Id, $"{InstanceErrors.CallOutputNotAccepted}: the out mapping of call activity '{node.Id}' of instance {instanceId}: {reason}.", inner);

    /// <summary>A sourceExpression's value: common types directly; anything else through System.Text.Json with options of its own (no shared cache keeps a flow assembly's type).</summary>
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case DateTimeOffset o: writer.WriteStringValue(o); break;
            case DateTime t: writer.WriteStringValue(t); break;
            case Guid g: writer.WriteStringValue(g); break;
            default: JsonSerializer.Serialize(writer, value, value.GetType(), new JsonSerializerOptions()); break;
        }
    }
}
