using System;

namespace Flow.Deployment;

/// <summary>What happened to a deployment, for logs, metrics and tests.</summary>
public enum DeploymentEventKind
{
    /// <summary>A new version was verified, loaded and activated.</summary>
    Activated,

    /// <summary>The content is identical to the latest version of that name: nothing new (resume).</summary>
    Unchanged,

    /// <summary>The deployment was refused; the previous version stays live.</summary>
    Failed,

    /// <summary>An old version's load context was unloaded.</summary>
    Unloaded,

    /// <summary>A deployment was undeployed.</summary>
    Undeployed,
}

/// <summary>One deployment event.</summary>
public sealed record DeploymentEvent(DeploymentEventKind Kind, string Name, int Version, string? Folder, Exception? Error = null)
{
    /// <summary>The deployment's tenant (null: none, or not known, as for a refused folder).</summary>
    public string? TenantId { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Name} v{Version}" + (Error is null ? "" : ": " + Error.Message);
}
