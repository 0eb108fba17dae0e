using System;
using System.Collections.Generic;
using System.Globalization;

namespace Flow.Build.Tasks.Json;

/// <summary>Typed access to a parsed JSON object; a missing or mistyped field throws
/// <see cref="FormatException"/> naming its path (e.g. <c>processes[2].key</c>).</summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, object?> _fields;
    private readonly string _path;

    private JsonFields(Dictionary<string, object?> fields, string path)
    {
        _fields = fields;
        _path = path;
    }

    public static JsonFields Root(object? value) => Of(value, "the document");

    public string String(string name) => Get<string>(name, "a string");

    public string? OptionalString(string name) =>
        _fields.TryGetValue(name, out var value) && value is null ? null : String(name);

    public bool Bool(string name) => Get<bool>(name, "true or false");

    public long Long(string name) => Get<long>(name, "an integer");

    public int PositiveInt(string name)
    {
        var value = Long(name);
        if (value < 1 || value > int.MaxValue)
        {
            throw new FormatException(Describe(name) + " must be a positive integer, not " + value.ToString(CultureInfo.InvariantCulture));
        }

        return (int)value;
    }

    public JsonFields Object(string name) => Of(Get<Dictionary<string, object?>>(name, "an object"), Describe(name));

    public List<T> Array<T>(string name, Func<JsonFields, T> read)
    {
        var items = Get<List<object?>>(name, "an array");
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            result.Add(read(Of(items[i], Describe(name) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]")));
        }

        return result;
    }

    private static JsonFields Of(object? value, string path) =>
        value is Dictionary<string, object?> fields ? new JsonFields(fields, path) : throw new FormatException(path + " must be an object");

    private T Get<T>(string name, string expected)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            throw new FormatException(Describe(name) + " is missing");
        }

        return value is T typed ? typed : throw new FormatException(Describe(name) + " must be " + expected);
    }

    private string Describe(string name) => _path == "the document" ? "'" + name + "'" : "'" + _path.Trim('\'') + "." + name + "'";
}
