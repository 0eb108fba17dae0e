using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Build.Tasks.Manifest;

namespace Flow.Build.Tasks.Versioning;

/// <summary>
/// The numbering rules, as a pure function (previous history + current inputs → manifest):
/// <list type="bullet">
/// <item>no history: deployment version 1, every key version 1;</item>
/// <item>the same content hash (every file byte-identical): every version is kept;</item>
/// <item>any other change: deployment version + 1; a key whose definition hash changed gets
/// its version + 1, an unchanged key keeps its version;</item>
/// <item>a new key starts at 1; a removed key is retired with its last version, and a
/// retired key that comes back continues after that number (never reusing a version for a
/// different definition).</item>
/// </list>
/// </summary>
public static class VersionRules
{
    public static DeploymentManifest Apply(VersionHistory? previous, DeploymentInputs current)
    {
        var files = current.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        var contentHash = ContentHash.Of(files);
        var deploymentVersion = previous is null ? 1
            : previous.ContentHash == contentHash ? previous.DeploymentVersion
            : previous.DeploymentVersion + 1;

        var processes = current.Processes
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ProcessEntry(p.Key, p.Name, p.Type, DefinitionVersion(previous, p), p.DefinitionHash, p.SourceFile, p.SourceHash))
            .ToArray();

        return new DeploymentManifest(
            DeploymentManifest.CurrentSchemaVersion,
            current.DeploymentName,
            current.Tenant,
            deploymentVersion,
            current.Assembly,
            contentHash,
            current.Settings,
            processes,
            Retired(previous, processes),
            files);
    }

    private static int DefinitionVersion(VersionHistory? previous, ProcessFacts process)
    {
        if (previous is null)
        {
            return 1;
        }

        if (previous.Processes.TryGetValue(process.Key, out var before))
        {
            return before.DefinitionHash == process.DefinitionHash ? before.Version : before.Version + 1;
        }

        return previous.Retired.TryGetValue(process.Key, out var last) ? last + 1 : 1;
    }

    private static RetiredProcess[] Retired(VersionHistory? previous, IReadOnlyList<ProcessEntry> current)
    {
        if (previous is null)
        {
            return Array.Empty<RetiredProcess>();
        }

        var live = new HashSet<string>(current.Select(p => p.Key), StringComparer.Ordinal);
        return previous.Processes.Select(p => new RetiredProcess(p.Key, p.Value.Version))
            .Concat(previous.Retired.Select(r => new RetiredProcess(r.Key, r.Value)))
            .Where(r => !live.Contains(r.Key))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToArray();
    }
}
