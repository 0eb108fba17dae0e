using System.Collections.Generic;

namespace Flow.Engine;

/// <summary>An instance as the engine reports it to the host, with its data as JSON.</summary>
public sealed partial record InstanceSnapshot(
    string Id,
    string ProcessKey,
    string DeploymentName,
    int DeploymentVersion,
    InstanceStatus Status,
    IReadOnlyList<string> Trace,
    IReadOnlyList<string> WaitingAt,
    FailureState? Failure,
    string DataJson)
{
    /// <summary>The instance's tenant (its deployment's; null: none).</summary>
    public string? TenantId { get; init; }

    /// <summary>
    /// The jobs the instance waits on (timers, async continuations) with their due time, attempts
    /// and last error; filled by <see cref="FlowEngine.GetAsync"/> (empty elsewhere, and for a store
    /// without jobs). An instance waiting only at an async continuation has no <see cref="WaitingAt"/>
    /// but one job here.
    /// </summary>
    public IReadOnlyList<JobWait> Jobs { get; init; } = System.Array.Empty<JobWait>();
}
