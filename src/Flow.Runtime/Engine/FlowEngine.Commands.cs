using System;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Engine;

/// <summary>
/// What a command does to a resumed instance, as a struct the command method is specialised for:
/// completing a task or retrying allocates no delegate and no closure per call, as a
/// <c>Func</c> capturing the node and the output would.
/// </summary>
internal interface IInstanceChange
{
    ValueTask ApplyAsync(IFlowInstance instance, CancellationToken cancellationToken);
}

public sealed partial class FlowEngine
{
    /// <summary>Completes a wait state with its outputs as JSON.</summary>
    private readonly struct CompleteChange(string nodeId, string? outputJson) : IInstanceChange
    {
        public ValueTask ApplyAsync(IFlowInstance instance, CancellationToken cancellationToken) =>
            instance.CompleteWithJsonAsync(nodeId, outputJson, cancellationToken);
    }

    /// <summary>Runs a failed instance again from the node that failed.</summary>
    private readonly struct RetryChange : IInstanceChange
    {
        public ValueTask ApplyAsync(IFlowInstance instance, CancellationToken cancellationToken) => instance.RetryAsync(cancellationToken);
    }

    /// <summary>Any other change (messages, signals, call ends): rarer commands keep their delegates.</summary>
    private readonly struct DelegateChange(Func<IFlowInstance, CancellationToken, ValueTask> change) : IInstanceChange
    {
        public ValueTask ApplyAsync(IFlowInstance instance, CancellationToken cancellationToken) => change(instance, cancellationToken);
    }

    private Task<InstanceSnapshot> ChangeAsync(string instanceId, string operation, Func<IFlowInstance, CancellationToken, ValueTask> change, CancellationToken cancellationToken) =>
        ChangeAsync(instanceId, operation, new DelegateChange(change), cancellationToken);
}
