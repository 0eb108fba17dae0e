using System;
using System.Collections.Generic;
using Flow.Jobs;

namespace Flow.Instances;

/// <summary>
/// An instance as a store keeps it: the state JSON plus what queries need. <see cref="Revision"/>
/// goes up with every save; a save names the revision it read, so two nodes completing the same
/// task at once cannot both succeed.
/// </summary>
public sealed record StoredInstance(
    string Id,
    string ProcessKey,
    string DeploymentName,
    int DeploymentVersion,
    string DefinitionHash,
    InstanceStatus Status,
    string StateJson,
    long Revision)
{
    private StateText _stateText = StateText.Of(StateJson);

    /// <summary>
    /// The instance state as JSON. The in-memory store keeps a live copy of the state instead and
    /// writes this text only when it is first read (the same text, read alike).
    /// </summary>
    public string StateJson
    {
        get => _stateText.Json;
        init => _stateText = StateText.Of(value);
    }

    /// <summary>The live copy of the state the engine saved into an in-memory store, or null (the state is <see cref="StateJson"/>).</summary>
    internal LiveState? Live
    {
        get => _stateText as LiveState;
        init => _stateText = value ?? _stateText;
    }

    /// <summary>
    /// Whether the instance can never run again (completed, aborted, or failed with nothing to
    /// retry); what retention and purging remove. Without a value: completed or aborted.
    /// </summary>
    public bool Ended { get; init; } = Status is InstanceStatus.Completed or InstanceStatus.Aborted;

    /// <summary>When the instance ended (set by the engine; a store may fill it in on save).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>
    /// The instance's due work (timers, continuations). A store saves them in the same
    /// transaction as the instance and replaces the instance's previous set: a job not listed
    /// any more is removed, a listed one is added or kept (by id, keeping its lease and attempts).
    /// </summary>
    public IReadOnlyList<ScheduledJob> Jobs { get; init; } = Array.Empty<ScheduledJob>();

    /// <summary>
    /// The tenant of the instance: its deployment's tenant (null: a deployment without tenant,
    /// shared by all tenants, as Camunda without a tenant id provider). Stores keep it as a column.
    /// </summary>
    public string? TenantId { get; init; }

    /// <summary>The messages and signals the instance waits for; saved and replaced with it, like <see cref="Jobs"/>.</summary>
    public IReadOnlyList<EventSubscription> Subscriptions { get; init; } = Array.Empty<EventSubscription>();
}
