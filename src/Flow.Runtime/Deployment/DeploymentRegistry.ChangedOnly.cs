using System;
using System.Linq;

namespace Flow.Deployment;

/// <summary>
/// Camunda's <c>deployChangedOnly</c>: a process whose resource is unchanged against the latest
/// deployment of the same name is not deployed again, so its key stays on the version it was latest on.
/// </summary>
public sealed partial class DeploymentRegistry
{
    /// <summary>
    /// Whether activating <paramref name="version"/> leaves <paramref name="key"/> on
    /// <paramref name="current"/>: only with deployChangedOnly, only against a version of the same
    /// deployment name (Camunda compares with the latest deployment of that name, never with another
    /// name's), and only when the process's diagram is unchanged (its source hash, Camunda compares
    /// resource bytes; the definition hash when a source hash is missing).
    /// </summary>
    private static bool KeepsCurrentVersion(DeployedVersion version, string key, DeployedVersion? current)
    {
        if (!version.Manifest.Settings.DeployChangedOnly || current is null || !string.Equals(current.Scope, version.Scope, StringComparison.Ordinal))
        {
            return false;
        }

        var before = current.Manifest.Processes.FirstOrDefault(p => p.Key == key);
        var now = version.Manifest.Processes.First(p => p.Key == key);
        return before is not null
            && (before.SourceHash is { } a && now.SourceHash is { } b
                ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
                : string.Equals(before.DefinitionHash, now.DefinitionHash, StringComparison.OrdinalIgnoreCase));
    }
}
