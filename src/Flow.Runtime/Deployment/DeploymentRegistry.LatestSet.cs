using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace Flow.Deployment;

/// <summary>The latest versions as a set, made once per change of the latest map: every Release asks whether a version is latest.</summary>
public sealed partial class DeploymentRegistry
{
    private LatestSet? _latestSet;

    private HashSet<DeployedVersion> LatestVersions()
    {
        var latest = Volatile.Read(ref _latest);
        var set = Volatile.Read(ref _latestSet);
        if (set is null || !ReferenceEquals(set.Map, latest))
        {
            set = new LatestSet(latest, new HashSet<DeployedVersion>(latest.Values));
            Volatile.Write(ref _latestSet, set);
        }

        return set.Versions;
    }

    private sealed record LatestSet(ImmutableDictionary<string, DeployedVersion> Map, HashSet<DeployedVersion> Versions);
}
