using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Signing;

namespace Flow.Build.Tasks;

/// <summary>
/// Removes the deployments an earlier build wrote into the deployment folder and this build no
/// longer produces: the top-level deployment after a switch to FlowDeployment groups, a group's
/// sub-folder after a switch back to one deployment or a renamed group. A deployment is
/// recognised only by its own flow-manifest.json (a sub-folder's only when the manifest's
/// deploymentName is the folder's name), and only the files that manifest lists, its signature
/// and the manifest are deleted, never other files; the manifest goes first, so a host never
/// sees a deployment whose files are half gone. Files this build wrote are never deleted.
/// </summary>
public static class StaleDeployments
{
    /// <summary>Removes what is stale in <paramref name="root"/>; returns the deleted files (none when nothing changed).</summary>
    /// <param name="root">The deployment folder (flow-deployment).</param>
    /// <param name="currentFolders">The folders this build wrote a deployment into (the root itself, or its group sub-folders).</param>
    /// <param name="writtenFiles">The files this build wrote (kept whatever an old manifest says).</param>
    public static IReadOnlyList<string> Remove(string root, IReadOnlyCollection<string> currentFolders, IEnumerable<string> writtenFiles)
    {
        var deleted = new List<string>();
        if (!Directory.Exists(root))
        {
            return deleted;
        }

        var current = new HashSet<string>(currentFolders.Select(FolderPath.Root), PathComparer);
        var kept = new HashSet<string>(writtenFiles.Select(Path.GetFullPath), PathComparer);
        var rootFolder = FolderPath.Root(root);

        // A file of a current group's sub-folder is never the old top-level deployment's, whatever its manifest lists.
        bool InCurrentFolder(string file) => current.Any(folder => folder != rootFolder && file.StartsWith(folder, PathComparison));

        var stale = Directory.GetDirectories(root)
            .Where(d => OwnManifest(d) is { } m && string.Equals(m.DeploymentName, Path.GetFileName(d), StringComparison.Ordinal))
            .Select(FolderPath.Root)
            .Where(d => !current.Contains(d))
            .ToList();
        if (!current.Contains(rootFolder) && OwnManifest(root) is not null)
        {
            stale.Add(rootFolder);
        }

        foreach (var folder in stale)
        {
            var manifest = OwnManifest(folder)!;
            var files = new[] { DeploymentManifest.FileName, ManifestSigner.SignatureFileName }
                .Concat(manifest.Files.Select(f => f.Path))
                .Select(path => FolderPath.Inside(folder, path))
                .Where(path => path is not null && !kept.Contains(path) && !InCurrentFolder(path))
                .Select(path => path!)
                .Distinct(PathComparer);
            foreach (var file in files.Where(File.Exists))
            {
                File.Delete(file);
                deleted.Add(file);
                RemoveEmptyFolders(Path.GetDirectoryName(file)!, rootFolder);
            }
        }

        return deleted;
    }

    /// <summary>The folder's flow-manifest.json when it is one this task can read; null otherwise (then it is not ours to delete).</summary>
    private static DeploymentManifest? OwnManifest(string folder)
    {
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return ManifestReader.Read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Deletes <paramref name="folder"/> and its parents while they are empty, up to (not including) the root.</summary>
    private static void RemoveEmptyFolders(string folder, string rootFolder)
    {
        var current = FolderPath.Root(folder);
        while (current.Length > rootFolder.Length && current.StartsWith(rootFolder, PathComparison)
            && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any())
        {
            Directory.Delete(current);
            current = FolderPath.Root(Path.GetDirectoryName(current.TrimEnd(Path.DirectorySeparatorChar))!);
        }
    }

    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static readonly StringComparer PathComparer =
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
