using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>Completing the elements of loop and multi-instance wait states.</summary>
public abstract partial class FlowInstance<TData>
{
    /// <summary>
    /// Completes element <paramref name="elementIndex"/> (its loopCounter, from 0) of the
    /// multi-instance or loop wait state <paramref name="nodeId"/>, in any order for a parallel
    /// one: applies <paramref name="output"/> and runs on. FLOW6221 when that element does not
    /// wait (done, withdrawn by the completion condition, out of range), with nothing changed.
    /// </summary>
    public ValueTask CompleteAsync(string nodeId, int elementIndex, Action<TData>? output = null, CancellationToken cancellationToken = default) =>
        NewEngine().CompleteElementAsync(this, nodeId, elementIndex, output, cancellationToken);

    /// <summary>
    /// Completes element <paramref name="elementIndex"/> of the multi-instance or loop wait state
    /// <paramref name="nodeId"/> with its declared outputs as a JSON object (FLOW6040 for anything else).
    /// </summary>
    public ValueTask CompleteElementWithJsonAsync(string nodeId, int elementIndex, string? outputJson, CancellationToken cancellationToken = default)
    {
        var engine = NewEngine();
        engine.WaitingElement(this, nodeId, elementIndex);
        var node = _process.Graph.Node(_process.Graph.NodeIndex[nodeId]);
        Action<TData>? output;
        try
        {
            output = CompletionOutput<TData>.Read(node, Id, outputJson, _process.DataJson);
        }
        catch (FlowInstanceException refused) when (refused.Id == InstanceErrors.OutputNotAccepted)
        {
            throw OfElement(refused, elementIndex);
        }

        return engine.CompleteElementAsync(this, nodeId, elementIndex, output, cancellationToken);
    }

    /// <summary>The indexes of the elements of the multi-instance or loop wait state <paramref name="nodeId"/> that wait now.</summary>
    public IReadOnlyList<int> WaitingElements(string nodeId) =>
        _state is null ? Array.Empty<int>() : NewEngine().WaitingElements(nodeId);
}
