using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace Flow.Deployment;

/// <summary>
/// Checks every file of a deployment against its manifest before any code loads: each listed
/// file exists inside the folder, has the listed size and SHA-256; the flow assembly is listed.
/// A tampered, truncated or missing file refuses the whole deployment (FLOW6003/FLOW6004).
/// </summary>
public static class DeploymentVerifier
{
    /// <summary>Verifies; returns the full path of each listed file, by manifest path.</summary>
    public static void Verify(string folder, DeploymentManifest manifest)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (var file in manifest.Files)
        {
            var full = FullPath(root, manifest.Name, file.Path);
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                throw FlowDeploymentException.FileMismatch(manifest.Name, file.Path, "is missing");
            }

            if (info.Length != file.Size)
            {
                throw FlowDeploymentException.FileMismatch(manifest.Name, file.Path, $"has {info.Length} bytes, the manifest says {file.Size}");
            }

            using var stream = File.OpenRead(full);
            var hash = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
            if (!string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw FlowDeploymentException.FileMismatch(manifest.Name, file.Path, "does not match its SHA-256 in the manifest");
            }
        }

        if (!manifest.Files.Any(f => Normalize(f.Path) == Normalize(manifest.Assembly)))
        {
            throw FlowDeploymentException.FileMismatch(manifest.Name, manifest.Assembly, "is the flow assembly but is not listed with a hash");
        }
    }

    /// <summary>The full path of a manifest path; refuses rooted paths and any that leave the folder.</summary>
    public static string FullPath(string root, string deployment, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Contains(':'))
        {
            throw FlowDeploymentException.PathOutsideFolder(deployment, relative);
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : throw FlowDeploymentException.PathOutsideFolder(deployment, relative);
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
