using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Engine;

/// <summary>A message's payload as UTF-8 JSON (e.g. a request body), read by the catch's output reader without a string in between.</summary>
public sealed partial class FlowEngine
{
#if NET9_0_OR_GREATER
    // .NET 8: without OverloadResolutionPriority, CorrelateAsync(name, key, null) would be ambiguous with this.
    /// <summary>
    /// Delivers a message as <see cref="CorrelateAsync(string, string?, string?, bool, string?, CancellationToken)"/> does,
    /// with its payload as a UTF-8 JSON object of the message's declared outputs (empty or blank bytes: no payload; a byte
    /// order mark is skipped). Bytes that are not valid UTF-8 are FLOW6327 before any instance is looked up, whether the
    /// message would reach a waiting catch or a message start event. A waiting instance reads the bytes as they are; a
    /// message start event reads them as text. Keep the bytes unchanged until the task completes.
    /// </summary>
    public Task<IReadOnlyList<InstanceSnapshot>> CorrelateAsync(string messageName, string? correlationKey, ReadOnlyMemory<byte> utf8Payload, bool broadcast = false, string? tenantId = null, CancellationToken cancellationToken = default) =>
        CorrelateAsync(messageName, correlationKey, new Utf8Payload(utf8Payload), broadcast, tenantId, cancellationToken);
#endif

    /// <summary>A message's payload in the form the caller gave it.</summary>
    private interface IMessagePayload
    {
        /// <summary>Delivers the message with this payload to one waiting instance.</summary>
        ValueTask DeliverAsync(IFlowInstance instance, string messageName, string? correlationKey, CancellationToken cancellationToken);

        /// <summary>The payload as JSON text for a message start event (null: none).</summary>
        string? Json { get; }

        /// <summary>Throws FLOW6327 when the payload cannot be read as text (before anything is looked up, for a catch and a start alike).</summary>
        void Check(string messageName, string? correlationKey);
    }

    private readonly struct TextPayload(string? json) : IMessagePayload
    {
        public string? Json => json;

        public void Check(string messageName, string? correlationKey)
        {
        }

        public ValueTask DeliverAsync(IFlowInstance instance, string messageName, string? correlationKey, CancellationToken cancellationToken) =>
            instance.CorrelateWithJsonAsync(messageName, correlationKey, json, cancellationToken);
    }

    private readonly struct Utf8Payload(ReadOnlyMemory<byte> utf8) : IMessagePayload
    {
        private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

        private ReadOnlyMemory<byte> Bytes => utf8.Span.StartsWith(Bom) ? utf8[3..] : utf8;

        /// <summary>Checked valid UTF-8 (<see cref="Check"/>), so nothing is replaced by U+FFFD here.</summary>
        public string? Json => Bytes.Span.Trim(" \t\r\n"u8).IsEmpty ? null : Encoding.UTF8.GetString(Bytes.Span);

        public void Check(string messageName, string? correlationKey)
        {
            if (!Utf8.IsValid(Bytes.Span))
            {
                throw MessagePayloadErrors.NotUtf8(messageName, correlationKey, Bytes.Span);
            }
        }

        public ValueTask DeliverAsync(IFlowInstance instance, string messageName, string? correlationKey, CancellationToken cancellationToken) =>
            instance is ICorrelatesWithUtf8 correlates
                ? correlates.CorrelateWithUtf8Async(messageName, correlationKey, Bytes, cancellationToken)
                : instance.CorrelateWithJsonAsync(messageName, correlationKey, Json, cancellationToken);
    }
}
