using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Sharing;

namespace Flow.Build.Tasks.Files;

/// <summary>A file the build produced or copied, and where it would go in the deployment.</summary>
public sealed record CandidateFile(string SourcePath, string RelativePath, string? PackageId);

/// <summary>
/// Chooses what a deployment folder holds: the flow assembly and its private dependencies,
/// never the shared assemblies (<see cref="HostProvided"/>, the lists given, '*' patterns
/// allowed). Those load once in the host's default context so types unify across deployment
/// versions and with the host; a copy in the folder would load a second, incompatible type.
/// </summary>
public static class DeploymentFiles
{
    public static IReadOnlyList<CandidateFile> Select(
        IEnumerable<CandidateFile> candidates,
        IReadOnlyCollection<string> sharedPackageIds,
        IReadOnlyCollection<string> sharedAssemblyNames)
    {
        var chosen = new Dictionary<string, CandidateFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in candidates)
        {
            if (IsShared(file, sharedPackageIds, sharedAssemblyNames))
            {
                continue;
            }

            var relative = Normalize(file.RelativePath);
            if (chosen.TryGetValue(relative, out var earlier))
            {
                if (!string.Equals(Path.GetFullPath(earlier.SourcePath), Path.GetFullPath(file.SourcePath), StringComparison.OrdinalIgnoreCase))
                {
                    throw new FlowBuildException(TaskDiagnostics.DuplicateFilePath, null, relative, earlier.SourcePath, file.SourcePath);
                }

                continue;
            }

            chosen.Add(relative, file with { RelativePath = relative });
        }

        return chosen.Values.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
    }

    public static bool IsShared(CandidateFile file, IReadOnlyCollection<string> sharedPackageIds, IReadOnlyCollection<string> sharedAssemblyNames)
    {
        if (file.PackageId is { Length: > 0 } id
            && (NamePattern.MatchesAny(id, sharedPackageIds) || NamePattern.MatchesAny(id, HostProvided.PackageIds)))
        {
            return true;
        }

        var name = Path.GetFileNameWithoutExtension(file.RelativePath);
        if (name.EndsWith(".resources", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - ".resources".Length);
        }

        return NamePattern.MatchesAny(name, sharedAssemblyNames) || NamePattern.MatchesAny(name, HostProvided.AssemblyNames);
    }

    /// <summary>'/'-separated, no leading "./" or separator, so manifests match across OSes.</summary>
    public static string Normalize(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path.Substring(2);
        }

        return path.TrimStart('/');
    }
}
