using System;
using System.Reflection;
using System.Text.Json;

namespace Flow.Deployment;

/// <summary>
/// System.Text.Json keeps metadata caches in statics shared by equivalent options instances
/// (dotnet/runtime#65323), and they hold the types they describe: an unloaded flow's data
/// types would stay alive, and so would its load context. The engine itself never serialises a
/// flow type with System.Text.Json (the generator emits each data type's JSON), but handler code
/// may serialise its own types; so the runtime still clears those caches when it unloads a
/// version, through the handler .NET's hot reload calls (internal, so found by reflection; the
/// unload tests fail loudly if it ever goes away).
/// </summary>
internal static class JsonCaches
{
    private static readonly Action? ClearAll = Find();

    /// <summary>Whether the clearing hook was found.</summary>
    public static bool CanClear => ClearAll is not null;

    public static void Clear() => ClearAll?.Invoke();

    private static Action? Find()
    {
        var handler = typeof(JsonSerializer).Assembly.GetType("System.Text.Json.JsonSerializerOptionsUpdateHandler");
        var clear = handler?.GetMethod("ClearCache", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, null, new[] { typeof(Type[]) }, null);
        return clear is null ? null : () => clear.Invoke(null, new object?[] { null });
    }
}
