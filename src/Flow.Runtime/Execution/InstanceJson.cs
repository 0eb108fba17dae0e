using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Flow;

/// <summary>
/// System.Text.Json for instance states, as the runtime used before it wrote them by hand
/// (<see cref="InstanceStateJson"/>, same format). The engine now uses these options only for a
/// user's own data type (<see cref="ReflectionDataJson{TData}"/>). Each data type gets its own
/// options (and so its own metadata cache) instead of the global default.
/// </summary>
/// <typeparam name="TData">The process data type.</typeparam>
public static class InstanceJson<TData>
    where TData : class
{
    /// <summary>The options used for this data type's instance states.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter(), new FiniteNumberConverters.Double(), new FiniteNumberConverters.Single() },
        WriteIndented = false,
    };

    /// <summary>Serialises a state.</summary>
    public static string Serialize(InstanceState<TData> state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Deserialises a state.</summary>
    public static InstanceState<TData> Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState<TData>>(json, Options) ?? throw new JsonException("The JSON holds no instance state.");
}
