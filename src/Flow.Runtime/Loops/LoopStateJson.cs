using System.Collections.Generic;
using System.Text.Json;

namespace Flow;

/// <summary>
/// The saved form of <see cref="InstanceState{TData}.Loops"/>: written after <c>NextId</c> only
/// when a loop is in progress, so states without loops (and states saved before loops existed)
/// are unchanged. <c>Done</c> is the element bitmap in base64 (about 1.4 characters per 8 elements).
/// </summary>
internal static class LoopStateJson
{
    public const string Name = "Loops";

    public static void Write(Utf8JsonWriter writer, List<LoopState>? loops)
    {
        if (loops is null || loops.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(Name);
        foreach (var loop in loops)
        {
            writer.WriteStartObject();
            writer.WriteNumber("TokenId", loop.TokenId);
            writer.WriteString("NodeId", loop.NodeId);
            writer.WriteString("Type", loop.Type.ToString());
            writer.WriteNumber("Instances", loop.Instances);
            writer.WriteNumber("Completed", loop.Completed);
            if (loop.Done is { } done)
            {
                writer.WriteBase64String("Done", done);
            }

            if (loop.Inputs is { Count: > 0 } inputs)
            {
                writer.WriteStartObject("Inputs");
                foreach (var (index, json) in inputs)
                {
                    writer.WriteString(index.ToString(System.Globalization.CultureInfo.InvariantCulture), json);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static LoopState Read(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(LoopState));
        var loop = new LoopState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("TokenId"))
            {
                reader.Read();
                loop.TokenId = JsonValues.Read<int>(ref reader, "Loops.TokenId");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                reader.Read();
                loop.NodeId = JsonValues.Read<string>(ref reader, "Loops.NodeId") ?? "";
            }
            else if (reader.ValueTextEquals("Type"))
            {
                reader.Read();
                var type = JsonValues.Read<string>(ref reader, "Loops.Type");
                loop.Type = System.Enum.TryParse<LoopType>(type, out var parsed) && System.Enum.IsDefined(typeof(LoopType), parsed) && !char.IsDigit(type![0])
                    ? parsed
                    : throw new JsonException($"Loops.Type '{type}' is not a loop type.");
            }
            else if (reader.ValueTextEquals("Instances"))
            {
                reader.Read();
                loop.Instances = JsonValues.Read<int>(ref reader, "Loops.Instances");
            }
            else if (reader.ValueTextEquals("Completed"))
            {
                reader.Read();
                loop.Completed = JsonValues.Read<int>(ref reader, "Loops.Completed");
            }
            else if (reader.ValueTextEquals("Done"))
            {
                reader.Read();
                loop.Done = reader.TokenType == JsonTokenType.Null ? null : reader.GetBytesFromBase64();
                if (loop.Done is { } done && loop.Instances >= 0 && done.Length != (loop.Instances + 7) >> 3)
                {
                    throw new JsonException($"Loops.Done of '{loop.NodeId}' has {done.Length} bytes for {loop.Instances} elements.");
                }
            }
            else if (reader.ValueTextEquals("Inputs"))
            {
                reader.Read();
                loop.Inputs = ReadInputs(ref reader, loop.NodeId);
            }
            else
            {
                reader.Skip();
            }
        }

        return loop;
    }

    /// <summary>The waiting elements' inputs: an object of element index to the inputs' JSON text.</summary>
    private static SortedDictionary<int, string>? ReadInputs(ref Utf8JsonReader reader, string nodeId)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonValues.ExpectObject(ref reader, typeof(SortedDictionary<int, string>));
        var inputs = new SortedDictionary<int, string>();
        while (JsonValues.NextMember(ref reader))
        {
            var name = reader.GetString();
            if (!int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                throw new JsonException($"Loops.Inputs of '{nodeId}' has '{name}', which is no element index.");
            }

            reader.Read();
            inputs[index] = JsonValues.Read<string>(ref reader, "Loops.Inputs") ?? throw new JsonException($"Loops.Inputs of '{nodeId}' has null for element {index}.");
        }

        return inputs.Count == 0 ? null : inputs;
    }
}
