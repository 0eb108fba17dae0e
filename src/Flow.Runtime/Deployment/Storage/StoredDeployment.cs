using System;
using System.Collections.Generic;

namespace Flow.Deployment.Storage;

/// <summary>
/// One deployment version as a database keeps it: the manifest's text and every file's bytes,
/// by the path the manifest lists. Any node can load it without a shared file system; the bytes
/// are verified against the manifest's hashes before anything loads, as a folder's are.
/// </summary>
/// <param name="Name">The deployment name.</param>
/// <param name="Version">The manifest's version.</param>
/// <param name="ManifestJson">The manifest file's text, exactly as deployed (its signature covers it).</param>
/// <param name="Files">Every file the manifest lists, by its path there.</param>
/// <remarks>A tenant's deployment is stored under <see cref="NameFor"/> (<c>tenant:{tenant}/{name}</c>), so one name under two tenants never collides.</remarks>
public sealed record StoredDeployment(string Name, int Version, string ManifestJson, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>The stored name of deployment <paramref name="name"/> of <paramref name="tenantId"/> (the name itself without tenant).</summary>
    public static string NameFor(string name, string? tenantId) => TenantScope.Of(tenantId, name);
}

/// <summary>What happened to a deployment, in the order every node applies it.</summary>
public enum DeploymentActionKind
{
    /// <summary>A version was deployed (saved with its content) and became latest for its keys.</summary>
    Deployed,

    /// <summary>An earlier version became latest again.</summary>
    RolledBack,

    /// <summary>The deployment name was undeployed.</summary>
    Undeployed,
}

/// <summary>
/// One entry of the store's deployment log. <see cref="Sequence"/> grows with every entry, so a
/// node that has applied up to n asks for what came after n (and a node that starts asks from 0).
/// </summary>
public sealed record DeploymentAction(long Sequence, DeploymentActionKind Kind, string Name, int Version, DateTimeOffset At, string? Node);
