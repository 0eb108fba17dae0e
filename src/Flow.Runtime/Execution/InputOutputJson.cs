using System.ComponentModel;
using System.Text.Json;

namespace Flow;

/// <summary>
/// Saves a wait state's input parameters (a generated class of typed properties) with its token.
/// Each call uses its own serializer options, so no global cache holds a type of a flow
/// assembly that may unload.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InputOutputJson
{
    /// <summary>The inputs as JSON (generated code calls this).</summary>
    public static string Write<T>(T inputs) => JsonSerializer.Serialize(inputs, Options());

    /// <summary>The inputs saved by <see cref="Write{T}(T)"/>; a new, empty instance for null.</summary>
    public static T Read<T>(string? json)
        where T : class, new() =>
        json is null ? new T() : JsonSerializer.Deserialize<T>(json, Options()) ?? new T();

    internal static JsonSerializerOptions Options() => new() { IncludeFields = false };
}
