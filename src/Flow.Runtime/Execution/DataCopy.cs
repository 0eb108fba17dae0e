using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json;

namespace Flow;

/// <summary>
/// Copies process data as a JSON round trip through its <see cref="DataJson{TData}"/> would, for
/// the in-memory store's live states. A data class whose members are all saved and all of
/// immutable types (numbers, strings, dates, enums, ...) is copied member by member
/// (<c>MemberwiseClone</c>); any other (lists, nested objects, members the JSON leaves out, a
/// user's own type) goes through its JSON, so the copy never shares a mutable object.
/// </summary>
/// <typeparam name="TData">The process data type (its statics go with its load context when it unloads).</typeparam>
internal static class DataCopy<TData>
    where TData : class
{
    private static Func<TData, TData>? s_copy;

    /// <summary>The copy for this data type, decided on the first value (the members its JSON writes).</summary>
    public static Func<TData, TData> For(DataJson<TData> json, TData sample) =>
        s_copy ??= IsShallowCopyExact(json, sample) ? static data => (TData)MemberwiseCopy.Of(data) : CopyThroughJson(json);

    // A method of its own: a lambda over the parameter of For would make a closure on every call of For.
    private static Func<TData, TData> CopyThroughJson(DataJson<TData> json) => data => ThroughJson(json, data);

    private static TData ThroughJson(DataJson<TData> json, TData data)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            json.Write(buffer.Writer, data);
            var reader = new Utf8JsonReader(buffer.Written);
            reader.Read();
            return json.Read(ref reader);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>
    /// Whether a member-by-member copy equals the JSON round trip: generated JSON, a class of its
    /// own (no base class), every field the backing field of a public read-write property of an
    /// immutable type, and those properties exactly the members the JSON writes.
    /// </summary>
    private static bool IsShallowCopyExact(DataJson<TData> json, TData sample)
    {
        var type = typeof(TData);
        if (json is ReflectionDataJson<TData> || type.BaseType != typeof(object))
        {
            return false;
        }

        var properties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var name = field.Name;
            if (!name.StartsWith('<') || !name.EndsWith(">k__BackingField", StringComparison.Ordinal) || !IsImmutable(field.FieldType))
            {
                return false;
            }

            var property = type.GetProperty(name[1..name.IndexOf('>')], BindingFlags.Instance | BindingFlags.Public);
            if (property is null || property.GetMethod?.IsPublic != true || property.SetMethod?.IsPublic != true)
            {
                return false;
            }

            properties.Add(property.Name);
        }

        return properties.SetEquals(WrittenMembers(json, sample));
    }

    private static HashSet<string> WrittenMembers(DataJson<TData> json, TData sample)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        var buffer = JsonBuffer.Rent();
        try
        {
            json.Write(buffer.Writer, sample);
            var reader = new Utf8JsonReader(buffer.Written);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                members.Add(reader.GetString()!);
                reader.Read();
                reader.Skip();
            }
        }
        finally
        {
            buffer.Return();
        }

        return members;
    }

    private static bool IsImmutable(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum
            || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
            || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(TimeOnly);
    }
}

/// <summary><see cref="object.MemberwiseClone"/> from outside the object, for <see cref="DataCopy{TData}"/>.</summary>
internal static class MemberwiseCopy
{
    public static readonly Func<object, object> Of = typeof(object)
        .GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!
        .CreateDelegate<Func<object, object>>();
}
