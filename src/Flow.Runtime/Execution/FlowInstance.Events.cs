using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Instances;

namespace Flow;

/// <summary>Messages and signals delivered to one instance.</summary>
public abstract partial class FlowInstance<TData>
{
    /// <summary>
    /// The signals this instance threw in this process since it was created or resumed (not
    /// saved): its own listeners got them at once; a host (FlowEngine) broadcasts them to every
    /// other waiting instance. Kept on the state, so a straight-line instance carries no field for it.
    /// </summary>
    public IReadOnlyList<string> ThrownSignals => (IReadOnlyList<string>?)_state?.ThrownSignals ?? Array.Empty<string>();

    /// <summary>What the instance waits for, as a store indexes it (see <see cref="StoredInstance.Subscriptions"/>).</summary>
    public IReadOnlyList<EventSubscription> Subscriptions =>
        HasEnded || _state is null || !_state.HasSubscriptions ? Array.Empty<EventSubscription>()
        : _state.Subscriptions.Where(s => s.Kind is EventKind.Message or EventKind.Signal).Select(s => new EventSubscription(s.Kind == EventKind.Signal ? SubscriptionKind.Signal : SubscriptionKind.Message, s.Name, s.CorrelationKey, s.NodeId)).ToList();

    /// <summary>
    /// Delivers the message <paramref name="messageName"/> to this instance: to the first of its
    /// catches (intermediate catch event, receive task, boundary event, event after an
    /// event-based gateway) that waits for that name and a matching correlation key (a null key on
    /// either side matches any), applying <paramref name="payload"/> to the data; then runs on.
    /// Nothing waiting for it is FLOW6180 (<see cref="FlowInstanceException"/>), and nothing changes.
    /// </summary>
    public async ValueTask CorrelateAsync(string messageName, string? correlationKey, Action<TData>? payload = null, CancellationToken cancellationToken = default)
    {
        if (await NewEngine().DeliverAsync(this, EventKind.Message, messageName, correlationKey, _ => payload, cancellationToken).ConfigureAwait(false) == 0)
        {
            throw NotListening(messageName, correlationKey);
        }
    }

    /// <summary>
    /// As <see cref="CorrelateAsync(string, string?, Action{TData}?, CancellationToken)"/> with the
    /// payload as a JSON object of the message's declared outputs (FLOW6040 for anything else).
    /// </summary>
    public async ValueTask CorrelateWithJsonAsync(string messageName, string? correlationKey, string? payloadJson, CancellationToken cancellationToken = default)
    {
        if (await NewEngine().DeliverAsync(this, EventKind.Message, messageName, correlationKey, node => CompletionOutput<TData>.Read(node, Id, payloadJson, _process.DataJson), cancellationToken).ConfigureAwait(false) == 0)
        {
            throw NotListening(messageName, correlationKey);
        }
    }

    /// <summary>
    /// Delivers the signal <paramref name="signalName"/> to every catch of this instance that waits
    /// for it (payload: a JSON object of the signal's declared outputs, or null); returns how many caught it.
    /// </summary>
    public ValueTask<int> SignalAsync(string signalName, string? payloadJson = null, CancellationToken cancellationToken = default) =>
        NewEngine().DeliverAsync(this, EventKind.Signal, signalName, null, node => CompletionOutput<TData>.Read(node, Id, payloadJson, _process.DataJson), cancellationToken);

    ValueTask IFlowInstance.CorrelateWithJsonAsync(string messageName, string? correlationKey, string? payloadJson, CancellationToken cancellationToken) =>
        CorrelateWithJsonAsync(messageName, correlationKey, payloadJson, cancellationToken);

    private FlowInstanceException NotListening(string messageName, string? correlationKey)
    {
        var waits = _state is null ? "" : string.Join(", ", _state.Subscriptions.Where(s => s.Kind == EventKind.Message).Select(s => $"'{s.Name}'" + (s.CorrelationKey is null ? "" : $" (key '{s.CorrelationKey}')") + $" at '{s.NodeId}'"));
        return new FlowInstanceException(InstanceErrors.MessageNotAwaited, Id, messageName,
            $"Instance {Id} ({Status}) does not wait for message '{messageName}'" + (correlationKey is null ? "" : $" with key '{correlationKey}'")
            + (waits.Length == 0 ? "; it waits for no message." : $"; it waits for {waits}."));
    }
}
