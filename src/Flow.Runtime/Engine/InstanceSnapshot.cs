using System.Collections.Generic;

namespace Flow.Engine;

/// <summary>An instance as the engine reports it to the host, with its data as JSON.</summary>
public sealed record InstanceSnapshot(
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
}
