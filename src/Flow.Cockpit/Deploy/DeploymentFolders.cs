using System;
using System.IO;
using System.Linq;

namespace Flow.Cockpit.Deploy;

/// <summary>
/// Resolves a folder an operator names against the host's allowed root
/// (<see cref="CockpitOptions.DeploymentRoot"/>): only a relative path of plain segments, whose
/// full path stays under the root and crosses no link (a link could point anywhere).
/// </summary>
internal static class DeploymentFolders
{
    /// <summary>The full path of <paramref name="requested"/> under <paramref name="root"/>, or why it is refused.</summary>
    public static (string? Folder, string? Error) Resolve(string? root, string? requested)
    {
        if (string.IsNullOrEmpty(root))
        {
            return (null, "This host allows no folder deployment (CockpitOptions.DeploymentRoot is not set).");
        }

        if (string.IsNullOrWhiteSpace(requested))
        {
            return (null, "Name a folder relative to the deployment root: {\"folder\": \"orders/v2\"}.");
        }

        var relative = requested.Replace('\\', '/').TrimEnd('/');
        if (Path.IsPathRooted(requested) || !DeploymentPackage.IsSafe(relative))
        {
            return (null, $"'{requested}' is not a relative path of plain folder names under the deployment root (absolute paths, drives, '.' and '..' are refused).");
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (null, $"'{requested}' leaves the deployment root.");
        }

        // Every folder from the root down must be a real folder, not a link out of the root.
        var current = fullRoot;
        foreach (var segment in relative.Split('/'))
        {
            current = Path.Combine(current, segment);
            var info = new DirectoryInfo(current);
            if (info.Exists && info.LinkTarget is not null)
            {
                return (null, $"'{requested}' crosses a link ('{segment}'); only real folders under the deployment root are deployed.");
            }
        }

        return Directory.Exists(full) ? (full, null) : (null, $"No folder '{requested}' under the deployment root.");
    }
}
