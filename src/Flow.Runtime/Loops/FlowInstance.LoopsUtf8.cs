using System;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>An instance that completes loop and multi-instance elements from UTF-8 JSON without a string in between.</summary>
internal interface ICompletesElementsWithUtf8
{
    ValueTask CompleteElementWithUtf8Async(string nodeId, int elementIndex, ReadOnlySpan<byte> outputUtf8, CancellationToken cancellationToken);
}

public abstract partial class FlowInstance<TData> : ICompletesElementsWithUtf8
{
    /// <summary>
    /// Completes element <paramref name="elementIndex"/> of the multi-instance or loop wait state
    /// <paramref name="nodeId"/> as <see cref="CompleteElementWithJsonAsync"/> does, with its outputs
    /// as a UTF-8 JSON object (empty or blank bytes, or JSON null: no output; a byte order mark is
    /// skipped). The bytes are read and checked before this returns; a refusal is FLOW6040 naming the
    /// node, the element and the instance, with nothing changed.
    /// </summary>
    public ValueTask CompleteElementWithUtf8Async(string nodeId, int elementIndex, ReadOnlySpan<byte> outputUtf8, CancellationToken cancellationToken = default)
    {
        var engine = NewEngine();
        engine.WaitingElement(this, nodeId, elementIndex);
        var node = _process.Graph.Node(_process.Graph.NodeIndex[nodeId]);
        Action<TData>? output;
        try
        {
            output = CompletionOutput<TData>.Read(node, Id, outputUtf8, _process.DataJson);
        }
        catch (FlowInstanceException refused) when (refused.Id == InstanceErrors.OutputNotAccepted)
        {
            throw OfElement(refused, elementIndex);
        }

        return engine.CompleteElementAsync(this, nodeId, elementIndex, output, cancellationToken);
    }

    /// <summary>FLOW6040 of an element's outputs names the element too (the reader knows only the node).</summary>
    private static FlowInstanceException OfElement(FlowInstanceException refused, int elementIndex)
    {
        var message = refused.Message[(refused.Id.Length + 2)..]
            .Replace($"Completing '{refused.NodeId}' of", $"Completing element {elementIndex} of '{refused.NodeId}' of", StringComparison.Ordinal);
        return new FlowInstanceException(refused.Id, refused.InstanceId, refused.NodeId, message, refused.InnerException ?? refused);
    }
}
