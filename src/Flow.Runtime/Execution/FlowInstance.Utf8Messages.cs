using System;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>An instance that takes a message's payload as UTF-8 JSON (see <see cref="IReadsUtf8Data"/>).</summary>
internal interface ICorrelatesWithUtf8
{
    /// <summary>As <see cref="IFlowInstance.CorrelateWithJsonAsync"/>, the payload read from UTF-8 JSON by the catch's output reader.</summary>
    ValueTask CorrelateWithUtf8Async(string messageName, string? correlationKey, ReadOnlyMemory<byte> payloadUtf8, CancellationToken cancellationToken);
}

public abstract partial class FlowInstance<TData> : ICorrelatesWithUtf8
{
    /// <summary>
    /// As <see cref="CorrelateWithJsonAsync"/> with the payload as a UTF-8 JSON object of the
    /// message's declared outputs (empty or blank bytes: no payload), read without a string in
    /// between. Keep the bytes unchanged until the task completes.
    /// </summary>
    public async ValueTask CorrelateWithUtf8Async(string messageName, string? correlationKey, ReadOnlyMemory<byte> payloadUtf8, CancellationToken cancellationToken = default)
    {
        if (await NewEngine().DeliverAsync(this, EventKind.Message, messageName, correlationKey, node => CompletionOutput<TData>.Read(node, Id, payloadUtf8.Span, _process.DataJson), cancellationToken).ConfigureAwait(false) == 0)
        {
            throw NotListening(messageName, correlationKey);
        }
    }
}
