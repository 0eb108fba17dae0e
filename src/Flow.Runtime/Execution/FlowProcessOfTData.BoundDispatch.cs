using System.Threading;
using System.Threading.Tasks;

namespace Flow;

public abstract partial class FlowProcess<TData>
{
    /// <summary>
    /// The last arm of a generated <c>InvokeHandlerAsync</c>: a task bound by name (its description
    /// has a <see cref="NodeDescription.HandlerBinding"/>) runs its handler, any other node has none.
    /// The bindings are table data, so the generated switch lists only the methods the user writes.
    /// </summary>
    protected ValueTask InvokeBoundHandlerOrNoneAsync(int nodeIndex, TaskContext<TData> context, CancellationToken cancellationToken) =>
        Definition.Nodes[nodeIndex].HandlerBinding is null ? default : InvokeBoundHandlerAsync(nodeIndex, context, cancellationToken);
}
