using System;
using System.Text.Json;

namespace Flow;

/// <summary>A JSON value that is not of the type of the member it is read into.</summary>
public sealed class JsonValueException : JsonException
{
    /// <summary>Creates the error.</summary>
    public JsonValueException(Type valueType, string message, Exception? inner)
        : base(message, inner) => ValueType = valueType;

    /// <summary>The type the value should have had.</summary>
    public Type ValueType { get; }
}
