using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>Messages and signals: delivered to stored instances through their subscriptions, or starting new instances at message and signal start events.</summary>
public sealed partial class FlowEngine
{
    /// <summary>How deep signals thrown by instances that caught a signal may cascade before the engine stops forwarding them.</summary>
    private const int MaxSignalCascade = 16;

    private static readonly AsyncLocal<int> SignalDepth = new();

    /// <summary>
    /// Delivers the message <paramref name="messageName"/> with <paramref name="correlationKey"/>
    /// (null: to a waiting catch whatever its key) and its payload (a JSON object of the message's
    /// declared outputs): to the one instance waiting for it; or, when none waits, it starts an
    /// instance of the latest version of the process whose message start event catches it.
    /// Nothing waiting and nothing starting is FLOW6181; several waiting instances are FLOW6182
    /// unless <paramref name="broadcast"/>, which delivers it to each of them. With
    /// <paramref name="tenantId"/>, only that tenant's instances are candidates and the start event
    /// is looked up as <see cref="StartAsync(string, string, int?, string?, CancellationToken)"/> does for the tenant; without, instances of every
    /// tenant are candidates, and a message start event deployed for several tenants is FLOW6340.
    /// </summary>
    /// <remarks>A null <paramref name="payloadJson"/> (no payload) binds here rather than to the UTF-8 overload.</remarks>
#if NET9_0_OR_GREATER
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
#endif
    public Task<IReadOnlyList<InstanceSnapshot>> CorrelateAsync(string messageName, string? correlationKey, string? payloadJson = null, bool broadcast = false, string? tenantId = null, CancellationToken cancellationToken = default) =>
        CorrelateAsync(messageName, correlationKey, new TextPayload(payloadJson), broadcast, tenantId, cancellationToken);

    private async Task<IReadOnlyList<InstanceSnapshot>> CorrelateAsync<TPayload>(string messageName, string? correlationKey, TPayload payload, bool broadcast, string? tenantId, CancellationToken cancellationToken)
        where TPayload : struct, IMessagePayload
    {
        ArgumentException.ThrowIfNullOrEmpty(messageName);
        StoredEventKeys.CheckMessage(messageName, correlationKey);
        payload.Check(messageName, correlationKey);
        var waiting = await _store.QueryAsync(new InstanceQuery { TenantId = tenantId, Subscribed = new SubscriptionFilter(SubscriptionKind.Message, messageName, correlationKey) }, cancellationToken).ConfigureAwait(false);
        var candidates = waiting.Where(i => !i.Ended).ToList();
        if (candidates.Count > 1 && !broadcast)
        {
            throw new FlowCorrelationException(InstanceErrors.MessageAmbiguous, messageName, correlationKey,
                $"{candidates.Count} instances wait for message '{CallerText.Shown(messageName)}'" + Key(correlationKey) + $" ({string.Join(", ", candidates.Take(5).Select(i => i.Id))}{(candidates.Count > 5 ? ", …" : "")}); give a correlation key that tells them apart, or send it as a broadcast.");
        }

        if (candidates.Count > 0)
        {
            var delivered = new List<InstanceSnapshot>(candidates.Count);
            foreach (var instance in candidates)
            {
                // once one instance got it, the message was delivered: the rest get it too, whatever the token
                delivered.Add(await ChangeAsync(instance.Id, "flow.correlate", (i, ct) => payload.DeliverAsync(i, messageName, correlationKey, ct), delivered.Count == 0 ? cancellationToken : CancellationToken.None).ConfigureAwait(false));
            }

            return delivered;
        }

        var started = await StartAtEventsAsync(EventKind.Message, messageName, payload.Json, tenantId, cancellationToken).ConfigureAwait(false);
        return started.Count > 0
            ? started
            : throw new FlowCorrelationException(InstanceErrors.MessageUnmatched, messageName, correlationKey,
                $"No instance waits for message '{CallerText.Shown(messageName)}'" + Key(correlationKey) + " and no deployed process starts with it; the message was not delivered.");
    }

    /// <summary>
    /// Broadcasts the signal <paramref name="signalName"/> to every waiting instance of every
    /// deployed version that listens for it, and starts an instance of the latest version of each
    /// process with a signal start event for it. Returns the instances it reached (none is not an error).
    /// With <paramref name="tenantId"/>, only that tenant's instances and the processes it sees
    /// (its own and the shared ones); without, every tenant's (Camunda's broadcast).
    /// </summary>
    public async Task<IReadOnlyList<InstanceSnapshot>> SignalAsync(string signalName, string? payloadJson = null, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(signalName);
        var reached = new List<InstanceSnapshot>();
        var listening = await _store.QueryAsync(new InstanceQuery { TenantId = tenantId, Subscribed = new SubscriptionFilter(SubscriptionKind.Signal, signalName) }, cancellationToken).ConfigureAwait(false);
        foreach (var instance in listening.Where(i => !i.Ended))
        {
            reached.Add(await ChangeAsync(instance.Id, "flow.signal", async (i, ct) => await i.SignalAsync(signalName, payloadJson, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
        }

        reached.AddRange(await StartAtEventsAsync(EventKind.Signal, signalName, payloadJson, tenantId, cancellationToken).ConfigureAwait(false));
        return reached;
    }

    /// <summary>Forwards the signals an instance threw in this run to every other listener (its own listeners caught them already).</summary>
    /// <remarks>Not async itself: most commands throw no signal, and an async method over the instance would make a closure for it on every command.</remarks>
    /// <remarks>An instance that threw nothing reports the shared empty array: recognised by reference, without an interface call for its count.</remarks>
    private Task BroadcastThrownSignalsAsync(IFlowInstance instance, CancellationToken cancellationToken) =>
        instance.ThrownSignals is var thrown && (ReferenceEquals(thrown, Array.Empty<string>()) || thrown.Count == 0) || SignalDepth.Value >= MaxSignalCascade
            ? Task.CompletedTask
            : BroadcastSignalsAsync(instance, cancellationToken);

    private async Task BroadcastSignalsAsync(IFlowInstance instance, CancellationToken cancellationToken)
    {
        SignalDepth.Value++;
        try
        {
            foreach (var signal in instance.ThrownSignals.Distinct(StringComparer.Ordinal).ToList())
            {
                var listening = await _store.QueryAsync(new InstanceQuery { Subscribed = new SubscriptionFilter(SubscriptionKind.Signal, signal) }, cancellationToken).ConfigureAwait(false);
                foreach (var other in listening.Where(i => !i.Ended && i.Id != instance.Id))
                {
                    await ChangeAsync(other.Id, "flow.signal", async (i, ct) => await i.SignalAsync(signal, null, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                }

                await StartAtEventsAsync(EventKind.Signal, signal, null, tenantId: null, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            SignalDepth.Value--;
        }
    }

    /// <summary>
    /// Starts an instance of the latest version of each process whose start event catches this
    /// message or signal: of the processes <paramref name="tenantId"/> sees, or (null) of every
    /// tenant's, where a message start event found under several tenants is FLOW6340.
    /// </summary>
    private async Task<List<InstanceSnapshot>> StartAtEventsAsync(EventKind kind, string name, string? payloadJson, string? tenantId, CancellationToken cancellationToken)
    {
        var started = new List<InstanceSnapshot>();
        foreach (var (key, entryTenant) in StartEventCandidates(kind, name, tenantId))
        {
            var version = tenantId is null ? _registry.AcquireLatestFor(key, entryTenant) : _registry.AcquireLatestFor(key, tenantId);
            if (version is null)
            {
                continue;
            }

            try
            {
                var process = Create(version, key);
                var start = process.Definition.Nodes.FirstOrDefault(n => n.Kind == NodeKind.StartEvent && n.ScopeId == key && n.EventKind == kind && n.EventName == name);
                if (start is null)
                {
                    continue;
                }

                var instance = await process.StartAtAsync(process.DataFromJson("{}"), start.Id, payloadJson, cancellationToken).ConfigureAwait(false);
                var calls = await StartCallsAsync(instance, version, cancellationToken).ConfigureAwait(false);
                FlowTelemetry.InstancesStarted.Add(1);
                var saved = Save(instance);
                if (!await _store.TrySaveAsync(Store(instance, saved, key, version, revision: 0), 0, cancellationToken).ConfigureAwait(false))
                {
                    ReleaseCalls(calls);
                    throw new FlowConcurrencyException(instance.Id);
                }

                Hold(instance, version);
                // saved: the caller gets the result, so the token is no longer observed (see docs/runtime.md, cancellation)
                await AfterCallsAsync(instance, calls, CancellationToken.None).ConfigureAwait(false);
                await BroadcastThrownSignalsAsync(instance, CancellationToken.None).ConfigureAwait(false);
                started.Add(Snapshot(instance, saved, key, version));
            }
            finally
            {
                _registry.Release(version);
            }
        }

        return started;
    }

    private static string Key(string? correlationKey) => correlationKey is null ? "" : $" with key '{CallerText.Shown(correlationKey)}'";
}
