using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

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
    public static Action<TData>? Read(NodeDescription node, string instanceId, string? outputJson, DataJson<TData> json)
    {
        if (string.IsNullOrWhiteSpace(outputJson))
        {
            return null;
        }

        return JsonBuffer.ReadUtf8(outputJson, (node, instanceId, json), static (utf8, input) => ReadJson(utf8, input.node, input.instanceId, input.json));
    }

    /// <summary>What to set in the data, or null for no output (empty or blank bytes, or JSON null); the bytes are not kept.</summary>
    public static Action<TData>? Read(NodeDescription node, string instanceId, ReadOnlySpan<byte> outputUtf8, DataJson<TData> json) =>
        JsonUtf8.IsBlank(outputUtf8) ? null : ReadJson(JsonUtf8.WithoutBom(outputUtf8), node, instanceId, json);

    /// <summary>
    /// Checks the output by every rule of <see cref="Read(NodeDescription, string, ReadOnlySpan{byte}, DataJson{TData})"/>
    /// and then sets it in <paramref name="data"/> directly, without setter objects; a refused output sets nothing.
    /// </summary>
    public static void ReadInto(NodeDescription node, string instanceId, ReadOnlySpan<byte> outputUtf8, DataJson<TData> json, TData data)
    {
        if (JsonUtf8.IsBlank(outputUtf8))
        {
            return;
        }

        // The check notes where each value starts, so setting reads those values alone rather than
        // the whole text again (its names, repeats and end were checked already).
        var utf8 = JsonUtf8.WithoutBom(outputUtf8);
        Span<ValueAt> values = stackalloc ValueAt[NotedValues];
        var noted = 0;
        ReadJson(utf8, node, instanceId, json, collect: false, values, ref noted);
        if (noted < 0)
        {
            ReadMembers(utf8, node, instanceId, json, collect: false, into: data, default, ref noted);
            return;
        }

        var outputs = node.Outputs;
        foreach (var value in values[..noted])
        {
            // A value alone is a JSON text of its own; the reader stops at its end.
            var reader = new Utf8JsonReader(utf8[value.Start..]);
            reader.Read();
            json.ReadOutputInto(ref reader, outputs[value.Output], data);
        }
    }

    /// <summary>As <see cref="ReadInto(NodeDescription, string, ReadOnlySpan{byte}, DataJson{TData}, TData)"/>, from text (null, empty or whitespace: no output).</summary>
    public static void ReadInto(NodeDescription node, string instanceId, string? outputJson, DataJson<TData> json, TData data)
    {
        if (!string.IsNullOrWhiteSpace(outputJson))
        {
            JsonBuffer.ReadUtf8(outputJson, (node, instanceId, json, data), static (utf8, input) =>
            {
                ReadInto(input.node, input.instanceId, utf8, input.json, input.data);
                return true;
            });
        }
    }

    private static Action<TData>? ReadJson(ReadOnlySpan<byte> utf8, NodeDescription node, string instanceId, DataJson<TData> json)
    {
        var noted = 0;
        return ReadJson(utf8, node, instanceId, json, collect: true, default, ref noted);
    }

    private static Action<TData>? ReadJson(ReadOnlySpan<byte> utf8, NodeDescription node, string instanceId, DataJson<TData> json, bool collect, Span<ValueAt> values, ref int noted)
    {
        // One pass reads and checks (the reader checks the syntax of all it passes). Whatever it
        // throws, a syntax error anywhere in the text is what is reported, as if the whole text
        // had been checked first; the second pass is paid only by an output that is refused.
        try
        {
            return ReadMembers(utf8, node, instanceId, json, collect, into: null, values, ref noted);
        }
        catch (Exception) when (SyntaxError(utf8) is { } syntax)
        {
            throw Refused(node, instanceId, $"the output is not valid JSON ({syntax.Message})", syntax);
        }
    }

    /// <summary>The syntax error of <paramref name="utf8"/> as one JSON value, or null when it is valid.</summary>
    private static JsonException? SyntaxError(ReadOnlySpan<byte> utf8)
    {
        var check = new Utf8JsonReader(utf8);
        try
        {
            check.Read();
            check.Skip();
            while (check.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex;
        }
    }

    /// <summary>
    /// Reads the output: with <paramref name="collect"/>, into setters it returns; else each value
    /// is set in <paramref name="into"/> as it is read, or only checked when that is null. Where
    /// each value starts is noted in <paramref name="values"/> (when it is not empty), their count in
    /// <paramref name="noted"/>: -1 when there are more than fit.
    /// </summary>
    private static Action<TData>? ReadMembers(ReadOnlySpan<byte> utf8, NodeDescription node, string instanceId, DataJson<TData> json, bool collect, TData? into, Span<ValueAt> values, ref int noted)
    {
        var capacity = values.Length;
        noted = 0;
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            EndOfText(ref reader);
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Refused(node, instanceId, $"the output must be a JSON object of its outputs ({Declared(node)}), not a {Kind(reader.TokenType)}");
        }

        // The common completion (one or a few declared outputs) allocates no list, name or closure
        // here: keys are matched against the declared names in place, repeats are caught by a bit
        // per declared output, and a single output's setter is returned as it is.
        var outputs = node.Outputs;
        var given = 0UL;
        HashSet<int>? givenBeyond64 = null;
        Action<TData>? first = null;
        List<Action<TData>>? more = null;
        while (JsonValues.NextMember(ref reader))
        {
            var index = DeclaredIndex(ref reader, node.Utf8Outputs);
            if (index < 0)
            {
                var key = reader.GetString()!;
                var sameButCase = outputs.FirstOrDefault(o => string.Equals(o, key, StringComparison.OrdinalIgnoreCase));
                var hint = sameButCase is null ? "" : $" (names are case-sensitive: did you mean '{sameButCase}'?)";
                throw Refused(node, instanceId, $"'{key}' is not one of its outputs{hint}; it declares {Declared(node)}");
            }

            var name = outputs[index];
            if (index < 64 ? (given & (1UL << index)) != 0 : !(givenBeyond64 ??= new()).Add(index))
            {
                throw Refused(node, instanceId, $"'{name}' is given twice");
            }

            given |= index < 64 ? 1UL << index : 0;
            reader.Read();
            if (capacity > 0 && noted >= 0)
            {
                if (noted < capacity)
                {
                    values[noted++] = new ValueAt(index, checked((int)reader.TokenStartIndex));
                }
                else
                {
                    noted = -1;
                }
            }
            Action<TData>? setter = null;
            bool settable;
            try
            {
                if (collect)
                {
                    setter = json.ReadOutput(ref reader, name);
                    settable = setter is not null;
                }
                else
                {
                    settable = json.ReadOutputInto(ref reader, name, into);
                }
            }
            catch (JsonValueException ex)
            {
                throw Refused(node, instanceId, $"the value of '{name}' is not a {ex.ValueType}: {ex.Message}", ex);
            }

            if (!settable)
            {
                throw Refused(node, instanceId, $"the data has no settable member for the output '{name}'");
            }

            if (setter is null)
            {
                continue;
            }

            if (first is null)
            {
                first = setter;
            }
            else
            {
                (more ??= new()).Add(setter);
            }
        }

        EndOfText(ref reader);
        return more is null ? first : All(first!, more.ToArray());
    }

    /// <summary>Reads past the value's end: anything after it is a syntax error (a <see cref="JsonException"/>).</summary>
    private static void EndOfText(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    /// <summary>The index of the member name at the reader among the declared outputs (exact, case-sensitive), or -1.</summary>
    private static int DeclaredIndex(ref Utf8JsonReader reader, byte[][] outputs)
    {
        for (var i = 0; i < outputs.Length; i++)
        {
            if (reader.ValueTextEquals(outputs[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many outputs' places a completion notes on the stack (more are read again whole).</summary>
    private const int NotedValues = 8;

    /// <summary>Where an output's value starts in the text, and which declared output it is.</summary>
    private readonly record struct ValueAt(int Output, int Start);

    private static Action<TData> All(Action<TData> first, Action<TData>[] more) => data =>
    {
        first(data);
        foreach (var set in more)
        {
            set(data);
        }
    };

    /// <summary>The JSON kind named as <see cref="JsonValueKind"/> names it (what the messages said before).</summary>
    private static JsonValueKind Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Undefined,
    };

    private static string Declared(NodeDescription node) =>
        node.Outputs.Count == 0 ? "no outputs" : "the outputs " + string.Join(", ", node.Outputs.Select(o => "'" + o + "'"));

    private static FlowInstanceException Refused(NodeDescription node, string instanceId, string reason, Exception? inner = null) =>
        new(InstanceErrors.OutputNotAccepted, instanceId, node.Id, $"Completing '{node.Id}' of instance {instanceId}: {reason}. Nothing was changed.", inner);
}
