using System;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Engine;

/// <summary>Completing one element of a multi-instance or loop wait state by instance id (a parallel one needs the element's index: FLOW6220 otherwise).</summary>
public sealed partial class FlowEngine
{
    /// <summary>
    /// Completes element <paramref name="elementIndex"/> (its loopCounter, from 0) of the
    /// multi-instance or loop wait state <paramref name="nodeId"/> with its declared outputs as a
    /// JSON object (null: no output). An element that does not wait is FLOW6221, outputs that do not
    /// fit FLOW6040 naming the node, the element and the instance; the stored instance is unchanged.
    /// </summary>
#if NET9_0_OR_GREATER
    [OverloadResolutionPriority(1)]
#endif
    public Task<InstanceSnapshot> CompleteElementAsync(string instanceId, string nodeId, int elementIndex, string? outputJson = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, "flow.complete", (instance, ct) => instance.CompleteElementWithJsonAsync(nodeId, elementIndex, outputJson, ct), cancellationToken);

#if NET9_0_OR_GREATER
    /// <summary>
    /// Completes an element as <see cref="CompleteElementAsync(string, string, int, string?, CancellationToken)"/> does, with its
    /// outputs as a UTF-8 JSON object (e.g. a request body; empty or blank bytes: no output). Keep the bytes unchanged until the task completes.
    /// </summary>
    public Task<InstanceSnapshot> CompleteElementAsync(string instanceId, string nodeId, int elementIndex, ReadOnlyMemory<byte> utf8Output, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, "flow.complete", (instance, ct) => instance is ICompletesElementsWithUtf8 completes
            ? completes.CompleteElementWithUtf8Async(nodeId, elementIndex, utf8Output.Span, ct)
            : instance.CompleteElementWithJsonAsync(nodeId, elementIndex, Encoding.UTF8.GetString(utf8Output.Span), ct), cancellationToken);
#endif
}
