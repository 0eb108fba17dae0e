using System.Collections.Generic;
using System.Text.Json;

namespace Flow;

/// <summary>The saved form of compensation: the completed activities it can undo, and a running compensation's work in its scope.</summary>
internal static partial class InstanceStateJson
{
    /// <summary>After the call fields, only when present (states without compensation read and write as before).</summary>
    private static void WriteCompensationFields<TData>(Utf8JsonWriter writer, InstanceState<TData> state)
        where TData : class
    {
        if (state.Compensable is { } records)
        {
            WriteCompensables(writer, "Compensable", records);
        }
    }

    private static void WriteCompensables(Utf8JsonWriter writer, string member, List<CompensableState> records)
    {
        writer.WriteStartArray(member);
        foreach (var record in records)
        {
            writer.WriteStartObject();
            writer.WriteString("NodeId", record.NodeId);
            writer.WriteNumber("ScopeId", record.ScopeId);
            writer.WriteNumber("InnerScopeId", record.InnerScopeId);
            if (record.LoopCounter is { } counter)
            {
                writer.WriteNumber("LoopCounter", counter);
            }

            if (record.Element is { } element)
            {
                writer.WriteString("Element", element);
            }

            if (record.Inputs is { } inputs)
            {
                writer.WriteString("Inputs", inputs);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static bool ReadCompensationField<TData>(ref Utf8JsonReader reader, InstanceState<TData> state)
        where TData : class
    {
        if (!reader.ValueTextEquals("Compensable"))
        {
            return false;
        }

        var records = List(ref reader, "Compensable", ReadCompensable);
        state.Compensable = records.Count == 0 ? null : records;
        return true;
    }

    private static CompensableState ReadCompensable(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(CompensableState));
        var record = new CompensableState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("NodeId"))
            {
                record.NodeId = String(ref reader, "Compensable.NodeId");
            }
            else if (reader.ValueTextEquals("ScopeId"))
            {
                record.ScopeId = Int(ref reader, "Compensable.ScopeId");
            }
            else if (reader.ValueTextEquals("InnerScopeId"))
            {
                record.InnerScopeId = Int(ref reader, "Compensable.InnerScopeId");
            }
            else if (reader.ValueTextEquals("LoopCounter"))
            {
                record.LoopCounter = Int(ref reader, "Compensable.LoopCounter");
            }
            else if (reader.ValueTextEquals("Element"))
            {
                reader.Read();
                record.Element = JsonValues.Read<string?>(ref reader, "Compensable.Element");
            }
            else if (reader.ValueTextEquals("Inputs"))
            {
                reader.Read();
                record.Inputs = JsonValues.Read<string?>(ref reader, "Compensable.Inputs");
            }
            else
            {
                reader.Skip();
            }
        }

        return record;
    }
}
