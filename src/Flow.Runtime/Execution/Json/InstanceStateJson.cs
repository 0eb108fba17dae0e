using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Flow;

/// <summary>
/// The saved form of <see cref="InstanceState{TData}"/>, written and read by hand over
/// <see cref="Utf8JsonWriter"/>/<see cref="Utf8JsonReader"/>; the data goes through its
/// <see cref="DataJson{TData}"/>. The format is the one System.Text.Json wrote before (same
/// names, order and enum names, <c>TraceDropped</c> left out when 0), so states saved by older
/// versions read unchanged. Unknown members are skipped.
/// </summary>
/// <remarks>
/// A new field of the state is written in <see cref="WriteFieldsAfterData{TData}"/> (after
/// <c>NextId</c>; the fields before the data keep their old order) and read in
/// <see cref="ReadField{TData}"/>, next to it, and gets a value in the round-trip test of every
/// field (InstanceStateJsonTests).
/// </remarks>
internal static partial class InstanceStateJson
{
    /// <summary>Writes <paramref name="state"/>; returns where its data object starts and ends in the buffer.</summary>
    public static (int DataStart, int DataEnd) Write<TData>(JsonBuffer buffer, InstanceState<TData> state, DataJson<TData> data)
        where TData : class
    {
        var writer = buffer.Writer;
        writer.WriteStartObject();
        WriteFieldsBeforeData(writer, state);
        writer.WritePropertyName(Encoded.Data);
        var dataStart = buffer.Position;
        // DataInEngine: writing hands the data to nobody, so a kept state is only read here, never written.
        if (state.DataInEngine is not { } value)
        {
            writer.WriteNullValue();
        }
        else
        {
            data.Write(writer, value);
        }

        var dataEnd = buffer.Position;
        WriteFieldsAfterData(writer, state);
        writer.WriteEndObject();
        return (dataStart, dataEnd);
    }

    /// <summary>
    /// Reads a state; the data through <paramref name="data"/>. Returns where the data object
    /// starts and ends in <paramref name="utf8"/>, so a caller can keep its text as it was saved.
    /// </summary>
    public static InstanceState<TData> Read<TData>(ReadOnlySpan<byte> utf8, DataJson<TData> data, out Range dataRange)
        where TData : class
    {
        dataRange = default;
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The JSON holds no instance state.");
        }

        var state = new InstanceState<TData>();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("Data"))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.Null)
                {
                    JsonValues.ExpectObject(ref reader, typeof(TData));
                    state.Data = data.Read(ref reader);
                }

                dataRange = start..(int)reader.BytesConsumed;
            }
            else if (!ReadField(ref reader, state))
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("The instance state JSON has content after its end.");
        }

        return state;
    }

    // ---- The runtime's fields: write and read side by side. ----

    /// <summary>The names every state writes, encoded once (a name given as a string is checked for escaping and transcoded on every write).</summary>
    private static class Encoded
    {
        public static readonly JsonEncodedText InstanceId = JsonEncodedText.Encode("InstanceId");
        public static readonly JsonEncodedText ProcessKey = JsonEncodedText.Encode("ProcessKey");
        public static readonly JsonEncodedText DefinitionHash = JsonEncodedText.Encode("DefinitionHash");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("Status");
        public static readonly JsonEncodedText Tokens = JsonEncodedText.Encode("Tokens");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("Id");
        public static readonly JsonEncodedText NodeId = JsonEncodedText.Encode("NodeId");
        public static readonly JsonEncodedText ScopeId = JsonEncodedText.Encode("ScopeId");
        public static readonly JsonEncodedText ArrivedBy = JsonEncodedText.Encode("ArrivedBy");
        public static readonly JsonEncodedText Wait = JsonEncodedText.Encode("Wait");
        public static readonly JsonEncodedText Scopes = JsonEncodedText.Encode("Scopes");
        public static readonly JsonEncodedText Subscriptions = JsonEncodedText.Encode("Subscriptions");
        public static readonly JsonEncodedText Trace = JsonEncodedText.Encode("Trace");
        public static readonly JsonEncodedText Data = JsonEncodedText.Encode("Data");
        public static readonly JsonEncodedText Failure = JsonEncodedText.Encode("Failure");
        public static readonly JsonEncodedText NextId = JsonEncodedText.Encode("NextId");
    }

    // Written for a state without scopes or subscriptions, so writing does not make its lists (never changed).
    private static readonly List<ScopeState> NoScopes = new(0);
    private static readonly List<SubscriptionState> NoSubscriptions = new(0);

    private static void WriteFieldsBeforeData<TData>(Utf8JsonWriter writer, InstanceState<TData> state)
        where TData : class
    {
        writer.WriteString(Encoded.InstanceId, state.InstanceId);
        writer.WriteString(Encoded.ProcessKey, state.ProcessKey);
        writer.WriteString(Encoded.DefinitionHash, state.DefinitionHash);
        writer.WriteString(Encoded.Status, Name(state.Status));
        writer.WriteStartArray(Encoded.Tokens);
        foreach (var token in state.Tokens)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Encoded.Id, token.Id);
            writer.WriteString(Encoded.NodeId, token.NodeId);
            writer.WriteNumber(Encoded.ScopeId, token.ScopeId);
            writer.WriteString(Encoded.ArrivedBy, token.ArrivedBy);
            writer.WriteString(Encoded.Wait, Name(token.Wait));
            if (token.Inputs is not null)
            {
                writer.WriteString("Inputs", token.Inputs);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Encoded.Scopes);
        foreach (var scope in state.ScopesIfAny ?? NoScopes)
        {
            writer.WriteStartObject();
            writer.WriteNumber("Id", scope.Id);
            writer.WriteString("NodeId", scope.NodeId);
            writer.WriteNumber("ParentTokenId", scope.ParentTokenId);
            writer.WriteNumber("ParentScopeId", scope.ParentScopeId);
            if (scope.Compensating is { } compensating)
            {
                WriteCompensables(writer, "Compensating", compensating);
            }

            if (scope.LoopCounter is { } scopeCounter)
            {
                writer.WriteNumber("LoopCounter", scopeCounter);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        // Where System.Text.Json wrote it (declaration order), empty included.
        writer.WriteStartArray(Encoded.Subscriptions);
        foreach (var subscription in state.SubscriptionsIfAny ?? NoSubscriptions)
        {
            writer.WriteStartObject();
            writer.WriteNumber("TokenId", subscription.TokenId);
            writer.WriteString("NodeId", subscription.NodeId);
            writer.WriteString("Kind", subscription.Kind.ToString());
            writer.WriteString("Name", subscription.Name);
            writer.WriteString("CorrelationKey", subscription.CorrelationKey);
            writer.WriteBoolean("ConditionHeld", subscription.ConditionHeld);
            if (subscription.ScopeId is { } subscriptionScope)
            {
                writer.WriteNumber("ScopeId", subscriptionScope);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Encoded.Trace);
        foreach (var node in state.Trace)
        {
            writer.WriteStringValue(node);
        }

        writer.WriteEndArray();
        if (state.TraceDropped != 0)
        {
            writer.WriteNumber("TraceDropped", state.TraceDropped);
        }
    }

    private static void WriteFieldsAfterData<TData>(Utf8JsonWriter writer, InstanceState<TData> state)
        where TData : class
    {
        // Between the data and the failure, only when there are timers, as System.Text.Json wrote it.
        if (state.Timers is { } timers)
        {
            writer.WriteStartArray("Timers");
            foreach (var timer in timers)
            {
                writer.WriteStartObject();
                writer.WriteString("JobId", timer.JobId);
                writer.WriteString("NodeId", timer.NodeId);
                writer.WriteNumber("TokenId", timer.TokenId);
                writer.WriteString("WaitNodeId", timer.WaitNodeId);
                writer.WriteString("DueAt", timer.DueAt);
                writer.WriteNumber("Fired", timer.Fired);
                if (timer.ScopeId is { } timerScope)
                {
                    writer.WriteNumber("ScopeId", timerScope);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (state.Failure is { } failure)
        {
            writer.WriteStartObject("Failure");
            writer.WriteString("NodeId", failure.NodeId);
            writer.WriteString("Kind", failure.Kind);
            writer.WriteString("Message", failure.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Encoded.Failure);
        }

        writer.WriteNumber(Encoded.NextId, state.NextId);
        LoopStateJson.Write(writer, state.Loops);
        WriteCallFields(writer, state);
        WriteCompensationFields(writer, state);
        WriteContinuationFields(writer, state);
    }

    /// <summary>Reads the runtime field the reader is on (its name); false when it is not one.</summary>
    private static bool ReadField<TData>(ref Utf8JsonReader reader, InstanceState<TData> state)
        where TData : class
    {
        if (reader.ValueTextEquals("InstanceId"))
        {
            state.InstanceId = String(ref reader, "InstanceId");
        }
        else if (reader.ValueTextEquals("ProcessKey"))
        {
            state.ProcessKey = String(ref reader, "ProcessKey");
        }
        else if (reader.ValueTextEquals("DefinitionHash"))
        {
            state.DefinitionHash = String(ref reader, "DefinitionHash");
        }
        else if (reader.ValueTextEquals("Status"))
        {
            state.Status = Enum<InstanceStatus>(ref reader, "Status");
        }
        else if (reader.ValueTextEquals("Tokens"))
        {
            state.Tokens = List(ref reader, "Tokens", ReadToken);
        }
        else if (reader.ValueTextEquals("Scopes"))
        {
            state.Scopes = List(ref reader, "Scopes", ReadScope);
        }
        else if (reader.ValueTextEquals("Trace"))
        {
            state.Trace = List(ref reader, "Trace", static (ref Utf8JsonReader r) => JsonValues.Read<string>(ref r, "Trace") ?? "");
        }
        else if (reader.ValueTextEquals("TraceDropped"))
        {
            reader.Read();
            state.TraceDropped = JsonValues.Read<long>(ref reader, "TraceDropped");
        }
        else if (reader.ValueTextEquals("Failure"))
        {
            reader.Read();
            state.Failure = reader.TokenType == JsonTokenType.Null ? null : ReadFailure(ref reader);
        }
        else if (reader.ValueTextEquals("NextId"))
        {
            reader.Read();
            state.NextId = JsonValues.Read<int>(ref reader, "NextId");
        }
        else if (reader.ValueTextEquals("Subscriptions"))
        {
            state.Subscriptions = List(ref reader, "Subscriptions", ReadSubscription);
        }
        else if (reader.ValueTextEquals("Timers"))
        {
            var timers = List(ref reader, "Timers", ReadTimer);
            state.Timers = timers.Count == 0 ? null : timers;
        }
        else if (reader.ValueTextEquals(LoopStateJson.Name))
        {
            var loops = List(ref reader, LoopStateJson.Name, LoopStateJson.Read);
            state.Loops = loops.Count == 0 ? null : loops;
        }
        else
        {
            return ReadCallField(ref reader, state) || ReadCompensationField(ref reader, state) || ReadContinuationField(ref reader, state);
        }

        return true;
    }

    private static TokenState ReadToken(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(TokenState));
        var token = new TokenState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("Id"))
            {
                token.Id = Int(ref reader, "Tokens.Id");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                token.NodeId = String(ref reader, "Tokens.NodeId");
            }
            else if (reader.ValueTextEquals("ScopeId"))
            {
                token.ScopeId = Int(ref reader, "Tokens.ScopeId");
            }
            else if (reader.ValueTextEquals("ArrivedBy"))
            {
                reader.Read();
                token.ArrivedBy = JsonValues.Read<string?>(ref reader, "Tokens.ArrivedBy");
            }
            else if (reader.ValueTextEquals("Wait"))
            {
                token.Wait = Enum<TokenWait>(ref reader, "Tokens.Wait");
            }
            else if (reader.ValueTextEquals("Inputs"))
            {
                reader.Read();
                token.Inputs = JsonValues.Read<string?>(ref reader, "Tokens.Inputs");
            }
            else
            {
                reader.Skip();
            }
        }

        return token;
    }

    private static SubscriptionState ReadSubscription(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(SubscriptionState));
        var subscription = new SubscriptionState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("TokenId"))
            {
                subscription.TokenId = Int(ref reader, "Subscriptions.TokenId");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                subscription.NodeId = String(ref reader, "Subscriptions.NodeId");
            }
            else if (reader.ValueTextEquals("Kind"))
            {
                subscription.Kind = Enum<EventKind>(ref reader, "Subscriptions.Kind");
            }
            else if (reader.ValueTextEquals("Name"))
            {
                subscription.Name = String(ref reader, "Subscriptions.Name");
            }
            else if (reader.ValueTextEquals("CorrelationKey"))
            {
                reader.Read();
                subscription.CorrelationKey = JsonValues.Read<string?>(ref reader, "Subscriptions.CorrelationKey");
            }
            else if (reader.ValueTextEquals("ConditionHeld"))
            {
                reader.Read();
                subscription.ConditionHeld = JsonValues.Read<bool>(ref reader, "Subscriptions.ConditionHeld");
            }
            else if (reader.ValueTextEquals("ScopeId"))
            {
                subscription.ScopeId = Int(ref reader, "Subscriptions.ScopeId");
            }
            else
            {
                reader.Skip();
            }
        }

        return subscription;
    }

    private static TimerState ReadTimer(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(TimerState));
        var timer = new TimerState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("JobId"))
            {
                timer.JobId = String(ref reader, "Timers.JobId");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                timer.NodeId = String(ref reader, "Timers.NodeId");
            }
            else if (reader.ValueTextEquals("TokenId"))
            {
                timer.TokenId = Int(ref reader, "Timers.TokenId");
            }
            else if (reader.ValueTextEquals("WaitNodeId"))
            {
                timer.WaitNodeId = String(ref reader, "Timers.WaitNodeId");
            }
            else if (reader.ValueTextEquals("DueAt"))
            {
                reader.Read();
                timer.DueAt = JsonValues.Read<DateTimeOffset>(ref reader, "Timers.DueAt");
            }
            else if (reader.ValueTextEquals("Fired"))
            {
                timer.Fired = Int(ref reader, "Timers.Fired");
            }
            else if (reader.ValueTextEquals("ScopeId"))
            {
                timer.ScopeId = Int(ref reader, "Timers.ScopeId");
            }
            else
            {
                reader.Skip();
            }
        }

        return timer;
    }

    private static ScopeState ReadScope(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(ScopeState));
        var scope = new ScopeState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("Id"))
            {
                scope.Id = Int(ref reader, "Scopes.Id");
            }
            else if (reader.ValueTextEquals("NodeId"))
            {
                scope.NodeId = String(ref reader, "Scopes.NodeId");
            }
            else if (reader.ValueTextEquals("ParentTokenId"))
            {
                scope.ParentTokenId = Int(ref reader, "Scopes.ParentTokenId");
            }
            else if (reader.ValueTextEquals("ParentScopeId"))
            {
                scope.ParentScopeId = Int(ref reader, "Scopes.ParentScopeId");
            }
            else if (reader.ValueTextEquals("Compensating"))
            {
                scope.Compensating = List(ref reader, "Scopes.Compensating", ReadCompensable);
            }
            else if (reader.ValueTextEquals("LoopCounter"))
            {
                scope.LoopCounter = Int(ref reader, "Scopes.LoopCounter");
            }
            else
            {
                reader.Skip();
            }
        }

        return scope;
    }

    private static FailureState ReadFailure(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader, typeof(FailureState));
        var failure = new FailureState();
        while (JsonValues.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("NodeId"))
            {
                failure.NodeId = String(ref reader, "Failure.NodeId");
            }
            else if (reader.ValueTextEquals("Kind"))
            {
                failure.Kind = String(ref reader, "Failure.Kind");
            }
            else if (reader.ValueTextEquals("Message"))
            {
                failure.Message = String(ref reader, "Failure.Message");
            }
            else
            {
                reader.Skip();
            }
        }

        return failure;
    }

    // ---- Value helpers (each moves from the member name to its value first). ----

    private delegate T ItemReader<out T>(ref Utf8JsonReader reader);

    private static List<T> List<T>(ref Utf8JsonReader reader, string member, ItemReader<T> item)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return new List<T>();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonValues.NotConvertible(typeof(List<T>), member, null);
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(item(ref reader));
        }

        return list;
    }

    private static string String(ref Utf8JsonReader reader, string member)
    {
        reader.Read();
        return JsonValues.Read<string>(ref reader, member) ?? "";
    }

    private static int Int(ref Utf8JsonReader reader, string member)
    {
        reader.Read();
        return JsonValues.Read<int>(ref reader, member);
    }

    /// <summary>An enum by name (as JsonStringEnumConverter wrote it) or by number, without a string per read.</summary>
    private static TEnum Enum<TEnum>(ref Utf8JsonReader reader, string member)
        where TEnum : struct, Enum
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return (TEnum)(object)number;
        }

        Span<char> name = stackalloc char[32];
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= name.Length)
        {
            var length = reader.CopyString(name);
            if (System.Enum.TryParse<TEnum>(name[..length], ignoreCase: false, out var value))
            {
                return value;
            }
        }

        throw JsonValues.NotConvertible(typeof(TEnum), member, null);
    }

    private static string Name(InstanceStatus status) => status switch
    {
        InstanceStatus.Running => nameof(InstanceStatus.Running),
        InstanceStatus.Waiting => nameof(InstanceStatus.Waiting),
        InstanceStatus.Completed => nameof(InstanceStatus.Completed),
        InstanceStatus.Failed => nameof(InstanceStatus.Failed),
        InstanceStatus.Aborted => nameof(InstanceStatus.Aborted),
        _ => status.ToString(),
    };

    private static string Name(TokenWait wait) => wait switch
    {
        TokenWait.None => nameof(TokenWait.None),
        TokenWait.Task => nameof(TokenWait.Task),
        TokenWait.Join => nameof(TokenWait.Join),
        TokenWait.SubProcess => nameof(TokenWait.SubProcess),
        TokenWait.Event => nameof(TokenWait.Event),
        TokenWait.Timer => nameof(TokenWait.Timer),
        TokenWait.Call => nameof(TokenWait.Call),
        TokenWait.Compensation => nameof(TokenWait.Compensation),
        _ => wait.ToString(),
    };
}
