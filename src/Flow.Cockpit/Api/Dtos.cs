using System.Collections.Generic;
using System.Text.Json.Nodes;
using Flow.Cockpit.Live;
using Flow.Engine;

namespace Flow.Cockpit.Api;

/// <summary>One registered version of a deployment.</summary>
public sealed record DeploymentVersionView(string Name, int Version, IReadOnlyList<string> Keys, long Activation, bool Live, bool Unloaded, int Users, bool Resumed);

/// <summary>A deployment name with its versions, newest first; <see cref="LiveVersion"/> is the one its keys resolve to (null: undeployed).</summary>
public sealed record DeploymentView(string Name, int? LiveVersion, IReadOnlyList<DeploymentVersionView> Versions);

/// <summary>The deployment timeline of one name.</summary>
public sealed record DeploymentHistoryView(string Name, IReadOnlyList<CockpitEvent> Events);

/// <summary>A body naming a version (rollback).</summary>
public sealed record VersionRequest(int Version);

/// <summary>One version of a process: which deployment version holds it, its definition version.</summary>
public sealed record ProcessVersionView(string DeploymentName, int DeploymentVersion, int DefinitionVersion, bool Latest, bool HasDiagram);

/// <summary>A process key with its versions.</summary>
public sealed record ProcessView(string Key, string? Name, ProcessVersionView? Latest, IReadOnlyList<ProcessVersionView> Versions);

/// <summary>One version of a process with the BPMN text to draw (null when the version does not carry it).</summary>
public sealed record ProcessDefinitionView(string Key, string? Name, string DeploymentName, int DeploymentVersion, int DefinitionVersion, string? BpmnXml, IReadOnlyList<ProcessVersionView> Versions);

/// <summary>Waiting and failed counts per node, aggregated on the server.</summary>
public sealed record TokenCountsView(string Key, int? Version, IReadOnlyList<NodeTokenCount> Nodes);

/// <summary>One row of an instance query.</summary>
public sealed record InstanceSummaryView(string Id, string ProcessKey, string DeploymentName, int DeploymentVersion, string Status, bool Ended, IReadOnlyList<string> WaitingAt, string? FailedAt, string? TenantId = null, IReadOnlyList<JobView>? Jobs = null);

/// <summary>One page of an instance query.</summary>
public sealed record InstancePageView(int Total, int Page, int PageSize, IReadOnlyList<InstanceSummaryView> Items)
{
    /// <summary>When more instances follow: the id to pass as <c>after</c> for the next page (the last id of this one); null on the last page.</summary>
    public string? Next { get; init; }
}

/// <summary>One instance: where it waits (its tokens), its data, the path it took (history) and its failure.</summary>
public sealed record InstanceView(string Id, string ProcessKey, string DeploymentName, int DeploymentVersion, string Status, IReadOnlyList<string> WaitingAt, JsonNode? Data, IReadOnlyList<string> History, FailureView? Failure, string? TenantId = null, IReadOnlyList<JobView>? Jobs = null);

/// <summary>
/// A job the instance waits on (an async continuation, a timer): where, when it runs, which
/// attempt it runs as (from 1) of how many (null: not retried by count) and the last error.
/// </summary>
public sealed record JobView(string JobId, string Kind, string? NodeId, System.DateTimeOffset DueAt, int Attempt, int? MaxAttempts, string? LastError)
{
    internal static JobView Of(JobWait wait) => new(wait.JobId, wait.Kind, wait.NodeId, wait.DueAt, wait.NextAttempt, wait.MaxAttempts, wait.LastError);
}

/// <summary>Where and why an instance failed.</summary>
public sealed record FailureView(string NodeId, string Kind, string Message);

/// <summary>What the signed-in user may do.</summary>
public sealed record UserView(bool Reader, bool Operator);

/// <summary>The cockpit's health: registered and live versions, failures in the kept timeline.</summary>
public sealed record HealthView(string Status, int Versions, int LiveProcesses, int FailedDeployments);

/// <summary>A body naming a folder under the deployment root.</summary>
public sealed record FolderRequest(string Folder);

/// <summary>What a deployment through the cockpit made live (or found unchanged): its name, version, tenant and keys, and the name's versions now.</summary>
public sealed record DeployedView(string Name, int Version, string? TenantId, IReadOnlyList<string> Keys, DeploymentView? Deployment);

/// <summary>One diagnostic of a refused content deployment, at its line and column.</summary>
public sealed record DiagnosticView(string Id, bool IsError, string Message, string? Key, int Line, int Column);

/// <summary>A message to correlate.</summary>
public sealed record MessageRequest(string MessageName, string? CorrelationKey, JsonObject? Payload, string? Tenant, bool Broadcast = false);

/// <summary>The instances a message reached (the one waiting, each waiting one of a broadcast, or the one it started).</summary>
public sealed record CorrelationView(string MessageName, string? CorrelationKey, IReadOnlyList<InstanceView> Instances);

/// <summary>Elements of a process added, removed and changed in <paramref name="Version"/> against <paramref name="Against"/> (ids; layout is not compared).</summary>
public sealed record DiffView(string Key, int Version, int Against, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed);
