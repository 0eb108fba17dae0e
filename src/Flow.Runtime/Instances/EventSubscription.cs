namespace Flow.Instances;

/// <summary>
/// What a waiting instance listens for: a message (by name and correlation key) or a signal (by
/// name), at a node. Written with the instance (<see cref="StoredInstance.Subscriptions"/>), so
/// a store can find the subscribers of a message or signal without reading every instance.
/// </summary>
/// <param name="Kind">What is awaited.</param>
/// <param name="Name">The message or signal name.</param>
/// <param name="CorrelationKey">For a message: the key it must carry (null: any); null for a signal.</param>
/// <param name="NodeId">The catching element (intermediate event, receive task, boundary event, event sub-process start).</param>
public sealed record EventSubscription(SubscriptionKind Kind, string Name, string? CorrelationKey, string NodeId);

/// <summary>What an <see cref="EventSubscription"/> waits for.</summary>
public enum SubscriptionKind
{
    /// <summary>A message, delivered to one instance by name and correlation key.</summary>
    Message,

    /// <summary>A signal, broadcast to every instance that listens.</summary>
    Signal,
}

/// <summary>Selects instances with a subscription of this kind and name (and, for a message with a key, that correlation key or none).</summary>
public sealed record SubscriptionFilter(SubscriptionKind Kind, string Name, string? CorrelationKey = null);
