using System;
using System.IO;

namespace Flow.Deployment;

/// <summary>
/// Checks every file of a deployment against its manifest before any code loads: each listed
/// file exists inside the folder (no link, no path leaving it), has the listed size and SHA-256.
/// A tampered, truncated or missing file refuses the whole deployment (FLOW6003/FLOW6004/FLOW6012).
/// </summary>
public static class DeploymentVerifier
{
    /// <summary>Verifies the folder's files against <paramref name="manifest"/>; throws <see cref="FlowDeploymentException"/>.</summary>
    public static void Verify(string folder, DeploymentManifest manifest)
    {
        ManifestValidator.ValidateContent(folder, manifest);
        DeploymentContent.Capture(folder, manifest);
    }

    /// <summary>
    /// The full path of a manifest path; refuses rooted paths and any that leave the folder.
    /// Containment is separator-exact: <paramref name="root"/> ends with a separator, so a
    /// sibling whose name starts with the folder's name (<c>flow-deployment2</c>) is outside.
    /// </summary>
    public static string FullPath(string root, string deployment, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Contains(':') || relative.StartsWith('\\') || relative.StartsWith('/'))
        {
            throw FlowDeploymentException.PathOutsideFolder(deployment, relative);
        }

        root = Root(root);
        var full = Path.GetFullPath(Path.Combine(root, relative.Replace('\\', '/')));
        return full.Length > root.Length && full.StartsWith(root, StringComparison.Ordinal) ? full : throw FlowDeploymentException.PathOutsideFolder(deployment, relative);
    }

    /// <summary>The folder's full path with exactly one trailing separator.</summary>
    internal static string Root(string folder) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
}
