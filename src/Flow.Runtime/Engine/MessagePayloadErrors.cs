using System;
using System.Buffers;
using System.Text;

namespace Flow.Engine;

/// <summary>A message payload given as bytes that are not UTF-8 (FLOW6327): refused the same way whether a catch or a start event would read it.</summary>
internal static class MessagePayloadErrors
{
    internal const string PayloadNotUtf8 = "FLOW6327";

    /// <summary>The refusal, naming the message, the key and the first byte (counted from 1) that is not UTF-8; the payload itself is not echoed.</summary>
    public static FlowCorrelationException NotUtf8(string messageName, string? correlationKey, ReadOnlySpan<byte> utf8)
    {
        var key = correlationKey is null ? "" : $" with key '{CallerText.Shown(correlationKey)}'";
        return new FlowCorrelationException(PayloadNotUtf8, messageName, correlationKey,
            $"Message '{CallerText.Shown(messageName)}'{key}: the payload is not valid UTF-8 (byte {FirstInvalid(utf8) + 1} of {utf8.Length}); nothing was delivered or started.");
    }

    /// <summary>The offset of the first byte that does not begin a valid UTF-8 sequence (only asked once the bytes are known to be invalid).</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
