using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;

namespace Flow.Deployment;

/// <summary>
/// Camunda's <c>resumePreviousVersions</c>: which registered versions this host runs instances on.
/// Every activation decides for the other versions it concerns, as Camunda decides which earlier
/// deployments a process application is registered for: with <c>process-definition-key</c> every
/// other version that defines any of the activated version's keys, with <c>deployment-name</c>
/// every other version of the same name, both within the activated version's tenant. <c>true</c> resumes them, <c>false</c> leaves them not
/// resumed: a command that reaches one of their instances is refused (FLOW6270) instead of running
/// code that was not resumed. The activated version itself is always resumed, and so is every
/// version that is latest for some key (deployChangedOnly kept it latest: new instances start on it).
/// </summary>
/// <remarks>
/// The decision is a function of the order of activations and their manifests, so a registry
/// that replays a deployment store's log (a restarted host, another node) ends with the same set.
/// </remarks>
public sealed partial class DeploymentRegistry
{
    // Swapped whole under the lock on _versions, read without it: every Acquire asks.
    private ImmutableHashSet<(string Scope, int Version)> _notResumed = ImmutableHashSet<(string Scope, int Version)>.Empty;

    /// <summary>
    /// Whether this host runs instances of <paramref name="name"/> version <paramref name="version"/>
    /// (of <paramref name="tenantId"/>; null: the deployment without tenant):
    /// false when a later activation with <c>resumePreviousVersions = false</c> covered it and no
    /// activation with <c>true</c> resumed it since, unless it is latest for a key.
    /// </summary>
    public bool IsResumed(string name, int version, string? tenantId = null) => IsResumedScope(TenantScope.Of(tenantId, name), version);

    private bool IsResumedScope(string scope, int version)
    {
        var notResumed = Volatile.Read(ref _notResumed);
        return notResumed.Count == 0 || !notResumed.Contains((scope, version)) || IsLatestScope(scope, version);
    }

    // A method of its own: a lambda over the parameters of IsResumedScope would make a closure on every call (every command).
    private bool IsLatestScope(string scope, int version) => Volatile.Read(ref _latest).Values.Any(v => v.Scope == scope && v.Version == version);

    /// <summary>Throws FLOW6270 when the version is registered but not resumed.</summary>
    private void ThrowIfNotResumed(string scope, int version)
    {
        if (!IsResumedScope(scope, version))
        {
            var (tenant, name) = TenantScope.Split(scope);
            throw FlowDeploymentException.NotResumed(tenant is null ? name : $"{name}' of tenant '{tenant}", version, ResumedBy(scope, version));
        }
    }

    /// <summary>The activation that left a version not resumed, for the message.</summary>
    private string ResumedBy(string scope, int version)
    {
        lock (_versions)
        {
            return _notResumedBy.TryGetValue((scope, version), out var by) ? by : "an activation";
        }
    }

    private readonly Dictionary<(string Scope, int Version), string> _notResumedBy = new();

    /// <summary>Applies the activated version's resume setting to the versions it concerns (caller holds the lock on <c>_versions</c>).</summary>
    private void ApplyResumeLocked(DeployedVersion activated)
    {
        var notResumed = _notResumed.ToBuilder();
        notResumed.Remove((activated.Scope, activated.Version));
        _notResumedBy.Remove((activated.Scope, activated.Version));
        var settings = activated.Manifest.Settings;
        var byName = string.Equals(settings.ResumePreviousVersionsUpon, "deployment-name", StringComparison.Ordinal);
        var keys = activated.Manifest.Processes.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var concerned = _versions
            .Where(v => !(v.Scope == activated.Scope && v.Version == activated.Version))
            .Where(v => v.TenantId == activated.TenantId)   // Camunda resumes within the deployment's tenant (or among shared ones)
            .Where(v => byName ? v.Scope == activated.Scope : v.Manifest.Processes.Any(p => keys.Contains(p.Key)))
            .Select(v => (v.Scope, v.Version))
            .Distinct()
            .ToList();
        foreach (var id in concerned)
        {
            if (settings.ResumePreviousVersions)
            {
                notResumed.Remove(id);
                _notResumedBy.Remove(id);
            }
            else
            {
                notResumed.Add(id);
                _notResumedBy[id] = $"'{activated.Name}' version {activated.Version} (resumePreviousVersions = false, upon {settings.ResumePreviousVersionsUpon})";
            }
        }

        Volatile.Write(ref _notResumed, notResumed.ToImmutable());
    }
}
