using System;
using System.Text.Json;

namespace Flow;

/// <summary>
/// The JSON of a generated data class the diagram declares no variables for (as in most Camunda
/// exports): an empty object out, every member skipped in. Shared by all such processes instead
/// of a copy generated into each one.
/// </summary>
/// <typeparam name="TData">The generated data class.</typeparam>
public sealed class EmptyDataJson<TData> : DataJson<TData>
    where TData : class, new()
{
    /// <summary>The one instance per data type.</summary>
    public static readonly EmptyDataJson<TData> Instance = new();

    private EmptyDataJson()
    {
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TData data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override TData Read(ref Utf8JsonReader reader)
    {
        var data = new TData();
        while (JsonValues.NextMember(ref reader))
        {
            reader.Skip();
        }

        return data;
    }

    /// <inheritdoc/>
    public override Action<TData>? ReadOutput(ref Utf8JsonReader reader, string name) => null;
}
