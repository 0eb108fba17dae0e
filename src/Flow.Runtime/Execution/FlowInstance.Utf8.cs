using System;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

public abstract partial class FlowInstance<TData> : ICompletesWithUtf8
{
    /// <summary>
    /// Completes the wait state <paramref name="nodeId"/> with its outputs as a UTF-8 JSON object:
    /// the same rules as <see cref="CompleteWithJsonAsync"/> (empty or blank bytes: no output),
    /// without a string in between. The bytes are read before this returns.
    /// </summary>
    public ValueTask CompleteWithUtf8Async(string nodeId, ReadOnlySpan<byte> outputUtf8, CancellationToken cancellationToken = default)
    {
        var engine = NewEngine();
        var waiting = engine.WaitingToken(this, nodeId);
        var node = _process.Graph.NodeIndex[nodeId];
        if (engine.CompletesPlainly(node, nodeId) && State.DataInEngine is { } data)
        {
            // Checked whole, then set in the data in place: no setter objects (and nothing but the reader sees the data).
            CompletionOutput<TData>.ReadInto(_process.Graph.Node(node), Id, outputUtf8, _process.DataJson, data);
            return engine.CompleteSetAsync(this, node, waiting, cancellationToken);
        }

        var output = CompletionOutput<TData>.Read(_process.Graph.Node(node), Id, outputUtf8, _process.DataJson);
        return engine.CompleteAsync(this, nodeId, node, waiting, output, cancellationToken);
    }
}
