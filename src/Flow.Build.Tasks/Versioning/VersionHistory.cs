using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Build.Tasks.Manifest;

namespace Flow.Build.Tasks.Versioning;

/// <summary>
/// What numbering needs to remember of the previous deployment: its version, its content
/// hash, the version and definition hash of each key, and the last version of retired keys.
/// Read from the previous flow-manifest.json or from flow-lock.json.
/// </summary>
public sealed record VersionHistory(
    int DeploymentVersion,
    string ContentHash,
    IReadOnlyDictionary<string, KeyVersion> Processes,
    IReadOnlyDictionary<string, int> Retired)
{
    public static VersionHistory From(DeploymentManifest manifest)
    {
        var processes = new Dictionary<string, KeyVersion>(StringComparer.Ordinal);
        foreach (var process in manifest.Processes)
        {
            if (processes.ContainsKey(process.Key))
            {
                throw new FormatException("the process key '" + process.Key + "' is listed twice");
            }

            processes.Add(process.Key, new KeyVersion(process.DefinitionVersion, process.DefinitionHash));
        }

        var retired = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in manifest.RetiredProcesses)
        {
            if (processes.ContainsKey(key.Key) || retired.ContainsKey(key.Key))
            {
                throw new FormatException("the retired key '" + key.Key + "' is listed twice");
            }

            retired.Add(key.Key, key.LastDefinitionVersion);
        }

        return new VersionHistory(manifest.DeploymentVersion, manifest.ContentHash, processes, retired);
    }

    public IEnumerable<string> Keys => Processes.Keys.Concat(Retired.Keys);
}

/// <summary>The definition version a key had and the definition hash it had it for.</summary>
public sealed record KeyVersion(int Version, string DefinitionHash);
