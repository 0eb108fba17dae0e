using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Flow;

/// <summary>
/// The values of data members as JSON, for generated <see cref="DataJson{TData}"/> code: each
/// call names the member's type, and the type tests below are constants the JIT folds away
/// for value types. The format is System.Text.Json's default (what instance states held before):
/// numbers, strings, ISO 8601 dates, enums by name. A type not listed here goes to System.Text.Json
/// with options of its own (as the whole state did before).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonValues
{
    /// <summary>Writes <paramref name="value"/> as a JSON value.</summary>
    public static void Write<T>(Utf8JsonWriter writer, T value)
    {
        if (typeof(T).IsValueType)
        {
            if (WriteStruct(writer, ref value))
            {
                return;
            }
        }
        else if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        else if (typeof(T) == typeof(string))
        {
            writer.WriteStringValue((string)(object)value);
            return;
        }

        WriteOther(writer, value);
    }

    /// <summary>
    /// Writes member <paramref name="name"/> with <paramref name="value"/>: the common types in one
    /// writer call for name and value (one check of the writer's state and room, not two), any
    /// other as <see cref="Utf8JsonWriter.WritePropertyName(JsonEncodedText)"/> and <see cref="Write{T}(Utf8JsonWriter, T)"/>.
    /// The text is the same either way.
    /// </summary>
    public static void Write<T>(Utf8JsonWriter writer, JsonEncodedText name, T value)
    {
        if (typeof(T).IsValueType)
        {
            if (WriteStructMember(writer, name, ref value))
            {
                return;
            }
        }
        else if (value is null)
        {
            writer.WriteNull(name);
            return;
        }
        else if (typeof(T) == typeof(string))
        {
            writer.WriteString(name, (string)(object)value);
            return;
        }

        writer.WritePropertyName(name);
        Write(writer, value);
    }

    /// <summary>Writes member <paramref name="name"/> with a list (null as null).</summary>
    public static void Write<T>(Utf8JsonWriter writer, JsonEncodedText name, List<T>? list)
    {
        writer.WritePropertyName(name);
        Write(writer, list);
    }

    /// <summary>Writes member <paramref name="name"/> with an array (null as null).</summary>
    public static void Write<T>(Utf8JsonWriter writer, JsonEncodedText name, T[]? array)
    {
        writer.WritePropertyName(name);
        Write(writer, array);
    }

    /// <summary>Reads the value at the reader as a <typeparamref name="T"/>; <paramref name="member"/> names it in errors.</summary>
    internal static T Read<T>(ref Utf8JsonReader reader, string member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default(T) is null ? default! : throw NotConvertible(typeof(T), member, null);
        }

        try
        {
            if (typeof(T).IsValueType)
            {
                T value = default!;
                if (ReadStruct(ref reader, ref value))
                {
                    return value;
                }
            }
            else if (typeof(T) == typeof(string))
            {
                return reader.TokenType == JsonTokenType.String ? (T)(object)reader.GetString()! : throw NotConvertible(typeof(T), member, null);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw NotConvertible(typeof(T), member, ex);
        }

        return ReadOther<T>(ref reader, member);
    }

    /// <summary>Writes a list (null as null).</summary>
    public static void Write<T>(Utf8JsonWriter writer, List<T>? list)
    {
        if (list is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in list)
        {
            Write(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an array (null as null).</summary>
    public static void Write<T>(Utf8JsonWriter writer, T[]? array)
    {
        if (array is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in array)
        {
            Write(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Reads the value at the reader as member <paramref name="member"/>; <paramref name="current"/>
    /// (the member's value now) only gives the type, so generated code need not repeat it.
    /// </summary>
    public static T Read<T>(ref Utf8JsonReader reader, string member, T current) => Read<T>(ref reader, member);

    /// <summary>Reads a JSON array as a list (null as null); <paramref name="current"/> only gives the type.</summary>
    public static List<T>? Read<T>(ref Utf8JsonReader reader, string member, List<T>? current) => ReadList<T>(ref reader, member);

    /// <summary>Reads a JSON array as an array (null as null); <paramref name="current"/> only gives the type.</summary>
    public static T[]? Read<T>(ref Utf8JsonReader reader, string member, T[]? current) => ReadList<T>(ref reader, member)?.ToArray();

    private static List<T>? ReadList<T>(ref Utf8JsonReader reader, string member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw NotConvertible(typeof(List<T>), member, null);
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(Read<T>(ref reader, member));
        }

        return list;
    }

    /// <summary>
    /// The member names of a generated data class, escaped and encoded once as the writer writes
    /// them (generated code keeps them in a static field instead of passing strings per call).
    /// </summary>
    public static JsonEncodedText[] Names(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var encoded = new JsonEncodedText[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            encoded[i] = JsonEncodedText.Encode(names[i]);
        }

        return encoded;
    }

    /// <summary>Moves to the next member of an object the reader is in; false at its end.</summary>
    public static bool NextMember(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Checks that the reader is on the start of an object of <paramref name="type"/>.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, Type type)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The JSON value could not be converted to {type}: expected an object, found {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>The error for a value that is not a <paramref name="type"/> (System.Text.Json's wording).</summary>
    internal static JsonValueException NotConvertible(Type type, string member, Exception? inner) =>
        new(type, $"The JSON value could not be converted to {type}. Path: $.{member}.", inner);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static bool WriteStruct<T>(Utf8JsonWriter writer, ref T value)
    {
        if (typeof(T) == typeof(bool)) writer.WriteBooleanValue(Unsafe.As<T, bool>(ref value));
        else if (typeof(T) == typeof(int)) writer.WriteNumberValue(Unsafe.As<T, int>(ref value));
        else if (typeof(T) == typeof(long)) writer.WriteNumberValue(Unsafe.As<T, long>(ref value));
        else if (typeof(T) == typeof(decimal)) writer.WriteNumberValue(Unsafe.As<T, decimal>(ref value));
        else if (typeof(T) == typeof(double)) writer.WriteNumberValue(Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(float)) writer.WriteNumberValue(Unsafe.As<T, float>(ref value));
        else if (typeof(T) == typeof(short)) writer.WriteNumberValue(Unsafe.As<T, short>(ref value));
        else if (typeof(T) == typeof(byte)) writer.WriteNumberValue(Unsafe.As<T, byte>(ref value));
        else if (typeof(T) == typeof(sbyte)) writer.WriteNumberValue(Unsafe.As<T, sbyte>(ref value));
        else if (typeof(T) == typeof(ushort)) writer.WriteNumberValue(Unsafe.As<T, ushort>(ref value));
        else if (typeof(T) == typeof(uint)) writer.WriteNumberValue(Unsafe.As<T, uint>(ref value));
        else if (typeof(T) == typeof(ulong)) writer.WriteNumberValue(Unsafe.As<T, ulong>(ref value));
        else if (typeof(T) == typeof(char)) WriteChar(writer, Unsafe.As<T, char>(ref value));
        else if (typeof(T) == typeof(DateTime)) writer.WriteStringValue(Unsafe.As<T, DateTime>(ref value));
        else if (typeof(T) == typeof(DateTimeOffset)) writer.WriteStringValue(Unsafe.As<T, DateTimeOffset>(ref value));
        else if (typeof(T) == typeof(Guid)) writer.WriteStringValue(Unsafe.As<T, Guid>(ref value));
        else if (typeof(T) == typeof(TimeSpan)) writer.WriteStringValue(Unsafe.As<T, TimeSpan>(ref value).ToString("c", CultureInfo.InvariantCulture));
        else if (typeof(T) == typeof(bool?)) WriteNullable(writer, Unsafe.As<T, bool?>(ref value));
        else if (typeof(T) == typeof(int?)) WriteNullable(writer, Unsafe.As<T, int?>(ref value));
        else if (typeof(T) == typeof(long?)) WriteNullable(writer, Unsafe.As<T, long?>(ref value));
        else if (typeof(T) == typeof(decimal?)) WriteNullable(writer, Unsafe.As<T, decimal?>(ref value));
        else if (typeof(T) == typeof(double?)) WriteNullable(writer, Unsafe.As<T, double?>(ref value));
        else if (typeof(T) == typeof(DateTime?)) WriteNullable(writer, Unsafe.As<T, DateTime?>(ref value));
        else if (typeof(T) == typeof(DateTimeOffset?)) WriteNullable(writer, Unsafe.As<T, DateTimeOffset?>(ref value));
        else if (typeof(T) == typeof(Guid?)) WriteNullable(writer, Unsafe.As<T, Guid?>(ref value));
        else if (typeof(T).IsEnum) writer.WriteStringValue(value!.ToString());
        else if (Nullable.GetUnderlyingType(typeof(T)) is { } underlying)
        {
            // Any other nullable: its value boxes (rare types only).
            object? boxed = value;
            if (boxed is null)
            {
                writer.WriteNullValue();
            }
            else if (underlying.IsEnum)
            {
                writer.WriteStringValue(boxed.ToString());
            }
            else
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>The types data members mostly have, name and value in one call; false for any other (nothing written).</summary>
    private static bool WriteStructMember<T>(Utf8JsonWriter writer, JsonEncodedText name, ref T value)
    {
        if (typeof(T) == typeof(bool)) writer.WriteBoolean(name, Unsafe.As<T, bool>(ref value));
        else if (typeof(T) == typeof(int)) writer.WriteNumber(name, Unsafe.As<T, int>(ref value));
        else if (typeof(T) == typeof(long)) writer.WriteNumber(name, Unsafe.As<T, long>(ref value));
        else if (typeof(T) == typeof(decimal)) writer.WriteNumber(name, Unsafe.As<T, decimal>(ref value));
        else if (typeof(T) == typeof(double)) writer.WriteNumber(name, Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(DateTime)) writer.WriteString(name, Unsafe.As<T, DateTime>(ref value));
        else if (typeof(T) == typeof(DateTimeOffset)) writer.WriteString(name, Unsafe.As<T, DateTimeOffset>(ref value));
        else if (typeof(T) == typeof(Guid)) writer.WriteString(name, Unsafe.As<T, Guid>(ref value));
        else
        {
            return false;
        }

        return true;
    }

    private static void WriteChar(Utf8JsonWriter writer, char value)
    {
        Span<char> one = stackalloc char[1];
        one[0] = value;
        writer.WriteStringValue(one);
    }

    private static void WriteNullable<TValue>(Utf8JsonWriter writer, TValue? value)
        where TValue : struct
    {
        if (value is { } v)
        {
            WriteStruct(writer, ref v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static bool ReadStruct<T>(ref Utf8JsonReader reader, ref T value)
    {
        if (typeof(T) == typeof(bool)) Unsafe.As<T, bool>(ref value) = reader.GetBoolean();
        else if (typeof(T) == typeof(int)) Unsafe.As<T, int>(ref value) = reader.GetInt32();
        else if (typeof(T) == typeof(long)) Unsafe.As<T, long>(ref value) = reader.GetInt64();
        else if (typeof(T) == typeof(decimal)) Unsafe.As<T, decimal>(ref value) = reader.GetDecimal();
        else if (typeof(T) == typeof(double)) Unsafe.As<T, double>(ref value) = FiniteNumbers.Double(ref reader);
        else if (typeof(T) == typeof(float)) Unsafe.As<T, float>(ref value) = FiniteNumbers.Single(ref reader);
        else if (typeof(T) == typeof(short)) Unsafe.As<T, short>(ref value) = reader.GetInt16();
        else if (typeof(T) == typeof(byte)) Unsafe.As<T, byte>(ref value) = reader.GetByte();
        else if (typeof(T) == typeof(sbyte)) Unsafe.As<T, sbyte>(ref value) = reader.GetSByte();
        else if (typeof(T) == typeof(ushort)) Unsafe.As<T, ushort>(ref value) = reader.GetUInt16();
        else if (typeof(T) == typeof(uint)) Unsafe.As<T, uint>(ref value) = reader.GetUInt32();
        else if (typeof(T) == typeof(ulong)) Unsafe.As<T, ulong>(ref value) = reader.GetUInt64();
        else if (typeof(T) == typeof(char)) Unsafe.As<T, char>(ref value) = ReadChar(ref reader);
        else if (typeof(T) == typeof(DateTime)) Unsafe.As<T, DateTime>(ref value) = reader.GetDateTime();
        else if (typeof(T) == typeof(DateTimeOffset)) Unsafe.As<T, DateTimeOffset>(ref value) = reader.GetDateTimeOffset();
        else if (typeof(T) == typeof(Guid)) Unsafe.As<T, Guid>(ref value) = reader.GetGuid();
        else if (typeof(T) == typeof(TimeSpan)) Unsafe.As<T, TimeSpan>(ref value) = TimeSpan.ParseExact(String(ref reader), "c", CultureInfo.InvariantCulture);
        else if (typeof(T) == typeof(bool?)) Unsafe.As<T, bool?>(ref value) = reader.GetBoolean();
        else if (typeof(T) == typeof(int?)) Unsafe.As<T, int?>(ref value) = reader.GetInt32();
        else if (typeof(T) == typeof(long?)) Unsafe.As<T, long?>(ref value) = reader.GetInt64();
        else if (typeof(T) == typeof(decimal?)) Unsafe.As<T, decimal?>(ref value) = reader.GetDecimal();
        else if (typeof(T) == typeof(double?)) Unsafe.As<T, double?>(ref value) = FiniteNumbers.Double(ref reader);
        else if (typeof(T) == typeof(DateTime?)) Unsafe.As<T, DateTime?>(ref value) = reader.GetDateTime();
        else if (typeof(T) == typeof(DateTimeOffset?)) Unsafe.As<T, DateTimeOffset?>(ref value) = reader.GetDateTimeOffset();
        else if (typeof(T) == typeof(Guid?)) Unsafe.As<T, Guid?>(ref value) = reader.GetGuid();
        else if ((Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T)) is { IsEnum: true } enumType)
        {
            // By name, as JsonStringEnumConverter writes them, or by number.
            value = (T)(reader.TokenType == JsonTokenType.Number
                ? Enum.ToObject(enumType, reader.GetInt64())
                : Enum.Parse(enumType, String(ref reader), ignoreCase: false));
        }
        else
        {
            return false;
        }

        return true;
    }

    private static char ReadChar(ref Utf8JsonReader reader)
    {
        var text = String(ref reader);
        return text.Length == 1 ? text[0] : throw new FormatException("Expected one character.");
    }

    private static string String(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new InvalidOperationException($"Expected a string, found {Describe(reader.TokenType)}.");

    private static void WriteOther<T>(Utf8JsonWriter writer, T value)
    {
        JsonSerializer.Serialize(writer, value, FallbackOptions<T>.Options);
    }

    private static T ReadOther<T>(ref Utf8JsonReader reader, string member)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(ref reader, FallbackOptions<T>.Options)!;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw NotConvertible(typeof(T), member, ex);
        }
    }

    /// <summary>Options per member type (statics of a flow's type go away with its load context).</summary>
    private static class FallbackOptions<T>
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        };
    }
}
