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
/// every other version of the same name. <c>true</c> resumes them, <c>false</c> leaves them not
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
    private ImmutableHashSet<(string Name, int Version)> _notResumed = ImmutableHashSet<(string Name, int Version)>.Empty;

    /// <summary>
    /// Whether this host runs instances of <paramref name="name"/> version <paramref name="version"/>:
    /// false when a later activation with <c>resumePreviousVersions = false</c> covered it and no
    /// activation with <c>true</c> resumed it since, unless it is latest for a key.
    /// </summary>
    public bool IsResumed(string name, int version)
    {
        return !Volatile.Read(ref _notResumed).Contains((name, version))
            || Volatile.Read(ref _latest).Values.Any(v => v.Name == name && v.Version == version);
    }

    /// <summary>Throws FLOW6270 when the version is registered but not resumed.</summary>
    private void ThrowIfNotResumed(string name, int version)
    {
        if (!IsResumed(name, version))
        {
            throw FlowDeploymentException.NotResumed(name, version, ResumedBy(name, version));
        }
    }

    /// <summary>The activation that left a version not resumed, for the message.</summary>
    private string ResumedBy(string name, int version)
    {
        lock (_versions)
        {
            return _notResumedBy.TryGetValue((name, version), out var by) ? by : "an activation";
        }
    }

    private readonly Dictionary<(string Name, int Version), string> _notResumedBy = new();

    /// <summary>Applies the activated version's resume setting to the versions it concerns (caller holds the lock on <c>_versions</c>).</summary>
    private void ApplyResumeLocked(DeployedVersion activated)
    {
        var notResumed = _notResumed.ToBuilder();
        notResumed.Remove((activated.Name, activated.Version));
        _notResumedBy.Remove((activated.Name, activated.Version));
        var settings = activated.Manifest.Settings;
        var byName = string.Equals(settings.ResumePreviousVersionsUpon, "deployment-name", StringComparison.Ordinal);
        var keys = activated.Manifest.Processes.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var concerned = _versions
            .Where(v => !(v.Name == activated.Name && v.Version == activated.Version))
            .Where(v => byName ? v.Name == activated.Name : v.Manifest.Processes.Any(p => keys.Contains(p.Key)))
            .Select(v => (v.Name, v.Version))
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
