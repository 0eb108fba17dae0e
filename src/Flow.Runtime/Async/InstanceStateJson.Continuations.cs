using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Flow;

/// <summary>The saved form of job boundaries: the tokens waiting at asyncBefore/asyncAfter for their jobs.</summary>
internal static partial class InstanceStateJson
{
    /// <summary>After <c>NextId</c>, only when present (states without continuations read and write as before).</summary>
    private static void WriteContinuationFields<TData>(Utf8JsonWriter writer, InstanceState<TData> state)
        where TData : class
    {
        if (state.Continuations is not { } continuations)
        {
            return;
        }

        writer.WriteStartArray("Continuations");
        foreach (var continuation in continuations)
        {
            writer.WriteStartObject();
            writer.WriteString("JobId", continuation.JobId);
            writer.WriteString("NodeId", continuation.NodeId);
            writer.WriteNumber("TokenId", continuation.TokenId);
            writer.WriteBoolean("After", continuation.After);
            if (continuation.Flows is { } flows)
            {
                writer.WriteStartArray("Flows");
                foreach (var flow in flows)
                {
                    writer.WriteStringValue(flow);
                }

                writer.WriteEndArray();
            }

            writer.WriteString("DueAt", continuation.DueAt);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static bool ReadContinuationField<TData>(ref Utf8JsonReader reader, InstanceState<TData> state)
        where TData : class
    {
        if (!reader.ValueTextEquals("Continuations"))
        {
            return false;
        }

        var continuations = List(ref reader, "Continuations", ReadContinuation);
        state.Continuations = continuations.Count == 0 ? null : continuations;
        return true;
    }

    private static ContinuationState ReadContinuation(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(ContinuationState));
        var continuation = new ContinuationState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("JobId"))
            {
                continuation.JobId = String(ref reader, "Continuations.JobId");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                continuation.NodeId = String(ref reader, "Continuations.NodeId");
            }
            else if (reader.ValueTextEquals("TokenId"))
            {
                continuation.TokenId = Int(ref reader, "Continuations.TokenId");
            }
            else if (reader.ValueTextEquals("After"))
            {
                reader.Read();
                continuation.After = JsonValues.Read<bool>(ref reader, "Continuations.After");
            }
            else if (reader.ValueTextEquals("Flows"))
            {
                continuation.Flows = List(ref reader, "Continuations.Flows", static (ref Utf8JsonReader r) => JsonValues.Read<string>(ref r, "Continuations.Flows") ?? "");
            }
            else if (reader.ValueTextEquals("DueAt"))
            {
                reader.Read();
                continuation.DueAt = JsonValues.Read<DateTimeOffset>(ref reader, "Continuations.DueAt");
            }
            else
            {
                reader.Skip();
            }
        }

        return continuation;
    }
}
