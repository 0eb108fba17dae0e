using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flow;

/// <summary>
/// The fallback for a data type the generator did not declare (a user's own type, named by the
/// diagram): System.Text.Json with this type's own options, as before. It puts the type into
/// System.Text.Json's shared caches, which unloading a version clears.
/// </summary>
/// <typeparam name="TData">The process data type.</typeparam>
public sealed class ReflectionDataJson<TData> : DataJson<TData>
    where TData : class
{
    /// <summary>The one instance for this data type.</summary>
    public static ReflectionDataJson<TData> Instance { get; } = new();

    private ReflectionDataJson()
    {
    }

    private static JsonSerializerOptions Options => InstanceJson<TData>.Options;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TData data) => JsonSerializer.Serialize(writer, data, Options);

    /// <inheritdoc/>
    public override TData Read(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize<TData>(ref reader, Options) ?? throw new JsonException("The JSON holds null, not the process data.");

    /// <inheritdoc/>
    public override Action<TData>? ReadOutput(ref Utf8JsonReader reader, string name)
    {
        if (Member(name) is not { } member)
        {
            return null;
        }

        object? value;
        try
        {
            value = JsonSerializer.Deserialize(ref reader, member.PropertyType, Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw JsonValues.NotConvertible(member.PropertyType, name, ex);
        }

        return data => member.Set!(data, value);
    }

    private static JsonPropertyInfo? Member(string name) =>
        Options.GetTypeInfo(typeof(TData)).Properties.FirstOrDefault(m => m.Name == name && m.Set is not null);
}
