using System;

namespace Flow;

/// <summary>What a caller's UTF-8 JSON needs before <see cref="System.Text.Json.Utf8JsonReader"/> reads it.</summary>
internal static class JsonUtf8
{
    /// <summary>The bytes without a leading UTF-8 byte order mark (a file or a request body may carry one; the reader refuses it).</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    /// <summary>Whether the bytes hold no JSON at all: empty, or only JSON whitespace (as a null or blank output string means no output).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> utf8) => WithoutBom(utf8).TrimStart(" \t\r\n"u8).IsEmpty;
}
