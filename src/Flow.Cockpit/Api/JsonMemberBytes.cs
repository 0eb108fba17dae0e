using System;
using System.Text.Json;

namespace Flow.Cockpit.Api;

/// <summary>The raw UTF-8 bytes of one member of a request body's top-level object, so a part of the body goes to the engine as it came (no string in between).</summary>
internal static class JsonMemberBytes
{
    /// <summary>
    /// The value of <paramref name="name"/> in the top-level object of <paramref name="body"/> (a slice of it), or empty
    /// when it is absent. The body was parsed already (<see cref="JsonBody.ReadObjectAsync"/>), so it is one valid object.
    /// </summary>
    public static ReadOnlyMemory<byte> Of(ReadOnlyMemory<byte> body, string name)
    {
        if (body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (found)
            {
                return body[start..(int)reader.BytesConsumed];
            }
        }

        return default;
    }
}
