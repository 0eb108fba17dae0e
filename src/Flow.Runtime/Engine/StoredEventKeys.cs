using System;
using System.Collections.Generic;
using System.Text;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>
/// The message and signal names and correlation keys an instance waits with are stored as text
/// and indexed (every durable store looks them up by an index on kind, name and key), so each
/// store holds the same bounded, storable text: at most <see cref="MaxUtf8Bytes"/> UTF-8 bytes
/// (FLOW6325: PostgreSQL's btree row limit is about 2.7 KB and its error names neither instance
/// nor message), without U+0000 or a lone surrogate (FLOW6326: PostgreSQL cannot store the one,
/// UTF-8 cannot encode the other, so a key would not match itself). Checked before anything is
/// stored, on every store alike; a correlation with such a key or name is refused the same way,
/// as no instance can wait with it.
/// </summary>
internal static class StoredEventKeys
{
    /// <summary>The longest name or correlation key, in UTF-8 bytes.</summary>
    public const int MaxUtf8Bytes = 1024;

    internal const string TooLong = "FLOW6325";
    internal const string NotStorable = "FLOW6326";

    /// <summary>Throws when a subscription of <paramref name="instance"/> has a name or key no store can index; nothing is stored then.</summary>
    public static void CheckSubscriptions(IFlowInstance instance)
    {
        var subscriptions = instance.Subscriptions;
        for (var i = 0; i < subscriptions.Count; i++)
        {
            var subscription = subscriptions[i];
            if (Problem(subscription.Name) is { } name)
            {
                throw Refused(name, subscription.Name, subscription.CorrelationKey, $"Instance {instance.Id} would wait at {subscription.NodeId} for {Kind(subscription.Kind)} '{CallerText.Shown(subscription.Name)}' whose name {Why(name, subscription.Name)}", "nothing was stored");
            }

            if (subscription.CorrelationKey is { } key && Problem(key) is { } problem)
            {
                throw Refused(problem, subscription.Name, key, $"Instance {instance.Id} would wait at {subscription.NodeId} for message '{CallerText.Shown(subscription.Name)}' with a correlation key that {Why(problem, key)}", "nothing was stored");
            }
        }
    }

    /// <summary>Throws when a message to correlate has a name or key no instance can wait with (before any store is asked).</summary>
    public static void CheckMessage(string messageName, string? correlationKey)
    {
        if (Problem(messageName) is { } name)
        {
            throw Refused(name, messageName, correlationKey, $"Message '{CallerText.Shown(messageName)}' has a name that {Why(name, messageName)}", "nothing was delivered");
        }

        if (correlationKey is not null && Problem(correlationKey) is { } key)
        {
            throw Refused(key, messageName, correlationKey, $"Message '{CallerText.Shown(messageName)}' has a correlation key that {Why(key, correlationKey)}", "nothing was delivered");
        }
    }

    /// <summary>Null when <paramref name="text"/> can be stored and indexed; else the FLOW id of why not. A length check for the usual short text.</summary>
    private static string? Problem(string text)
    {
        if (text.Length > MaxUtf8Bytes / 3 && Encoding.UTF8.GetByteCount(text) > MaxUtf8Bytes)
        {
            return TooLong;
        }

        var span = text.AsSpan();
        return span.Contains('\0') || HasLoneSurrogate(span) ? NotStorable : null;
    }

    private static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (at < 0)
        {
            return false;
        }

        for (var i = at; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Why(string problem, string text) => problem == TooLong
        ? $"is {Encoding.UTF8.GetByteCount(text)} UTF-8 bytes long; a stored name or correlation key is at most {MaxUtf8Bytes} bytes on every store"
        : "holds U+0000 or a lone surrogate, which no store keeps as the same text";

    private static string Kind(SubscriptionKind kind) => kind == SubscriptionKind.Message ? "message" : "signal";

    private static FlowCorrelationException Refused(string id, string name, string? key, string what, string outcome) =>
        new(id, name, key, $"{what} ({id}); {outcome}.");
}
