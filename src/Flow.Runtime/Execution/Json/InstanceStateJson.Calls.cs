using System.Text.Json;

namespace Flow;

/// <summary>The saved form of call activities' state: the calls an instance waits on, and its caller.</summary>
internal static partial class InstanceStateJson
{
    /// <summary>After <c>NextId</c>, each only when present (states without calls read and write as before).</summary>
    private static void WriteCallFields<TData>(Utf8JsonWriter writer, InstanceState<TData> state)
        where TData : class
    {
        if (state.Calls is { } calls)
        {
            writer.WriteStartArray("Calls");
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                writer.WriteNumber("TokenId", call.TokenId);
                writer.WriteString("NodeId", call.NodeId);
                writer.WriteString("ChildInstanceId", call.ChildInstanceId);
                if (call.LoopCounter is { } loopCounter)
                {
                    writer.WriteNumber("LoopCounter", loopCounter);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (state.CalledBy is { } caller)
        {
            writer.WriteStartObject("CalledBy");
            writer.WriteString("InstanceId", caller.InstanceId);
            writer.WriteString("NodeId", caller.NodeId);
            writer.WriteEndObject();
        }
    }

    private static bool ReadCallField<TData>(ref Utf8JsonReader reader, InstanceState<TData> state)
        where TData : class
    {
        if (reader.ValueTextEquals("Calls"))
        {
            var calls = List(ref reader, "Calls", ReadCall);
            state.Calls = calls.Count == 0 ? null : calls;
            return true;
        }

        if (reader.ValueTextEquals("CalledBy"))
        {
            reader.Read();
            state.CalledBy = reader.TokenType == JsonTokenType.Null ? null : ReadCaller(ref reader);
            return true;
        }

        return false;
    }

    private static CallState ReadCall(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(CallState));
        var call = new CallState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("TokenId"))
            {
                call.TokenId = Int(ref reader, "Calls.TokenId");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                call.NodeId = String(ref reader, "Calls.NodeId");
            }
            else if (reader.ValueTextEquals("ChildInstanceId"))
            {
                call.ChildInstanceId = String(ref reader, "Calls.ChildInstanceId");
            }
            else if (reader.ValueTextEquals("LoopCounter"))
            {
                call.LoopCounter = Int(ref reader, "Calls.LoopCounter");
            }
            else
            {
                reader.Skip();
            }
        }

        return call;
    }

    private static CallerState ReadCaller(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(CallerState));
        var caller = new CallerState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("InstanceId"))
            {
                caller.InstanceId = String(ref reader, "CalledBy.InstanceId");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                caller.NodeId = String(ref reader, "CalledBy.NodeId");
            }
            else
            {
                reader.Skip();
            }
        }

        return caller;
    }
}
