using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace Flow.Deployment;

/// <summary>
/// The bytes of one deployment version, captured from its folder once and verified against its
/// manifest. A version owns them: loading, reloading and rollback read only these bytes, never
/// the folder again, so rebuilding or tampering with the folder later cannot change what a
/// version runs. Nothing outside the runtime gets the arrays.
/// </summary>
internal sealed class DeploymentContent
{
    private readonly Dictionary<string, byte[]> _files;

    private DeploymentContent(DeploymentManifest manifest, Dictionary<string, byte[]> files)
    {
        Manifest = manifest;
        _files = files;
    }

    public DeploymentManifest Manifest { get; }

    /// <summary>
    /// Reads every listed file once and checks its size and SHA-256 against the bytes read (so
    /// what was checked is exactly what will load). Refuses links and reparse points anywhere in
    /// the folder (FLOW6012), paths that leave it (FLOW6004), unreadable files (FLOW6011) and
    /// files that do not match (FLOW6003).
    /// </summary>
    public static DeploymentContent Capture(string folder, DeploymentManifest manifest)
    {
        var root = DeploymentVerifier.Root(folder);
        RefuseLinks(root, manifest.Name);
        var files = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in manifest.Files)
        {
            var full = DeploymentVerifier.FullPath(root, manifest.Name, file.Path);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(full);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw FlowDeploymentException.FileMismatch(manifest.Name, file.Path, "is missing");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw FlowDeploymentException.FileUnreadable(manifest.Name, file.Path, ex);
            }

            Check(manifest, file, bytes);
            files[Normalize(file.Path)] = bytes;
        }

        if (!files.ContainsKey(Normalize(manifest.Assembly)))
        {
            throw FlowDeploymentException.ManifestInvalid(folder, $"the flow assembly '{manifest.Assembly}' is not listed in 'files'");
        }

        return new DeploymentContent(manifest, files);
    }

    /// <summary>Checks the held bytes against the manifest again (before a reload or rollback).</summary>
    public void Verify(int expectedVersion)
    {
        if (Manifest.Version != expectedVersion)
        {
            throw FlowDeploymentException.FileMismatch(Manifest.Name, DeploymentManifest.FileName, $"says version {Manifest.Version}, not {expectedVersion}");
        }

        foreach (var file in Manifest.Files)
        {
            Check(Manifest, file, _files.TryGetValue(Normalize(file.Path), out var bytes) ? bytes : Array.Empty<byte>());
        }
    }

    /// <summary>The held assemblies by simple name, with the manifest hash each must have.</summary>
    public Dictionary<string, (string Path, byte[] Bytes, string Sha256)> Assemblies() =>
        Manifest.Files
            .Where(f => f.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(
                f => Path.GetFileNameWithoutExtension(Normalize(f.Path)),
                f => (f.Path, _files[Normalize(f.Path)], f.Sha256),
                StringComparer.OrdinalIgnoreCase);

    private static void Check(DeploymentManifest manifest, ManifestFile file, byte[] bytes)
    {
        if (bytes.Length != file.Size)
        {
            throw FlowDeploymentException.FileMismatch(manifest.Name, file.Path, $"has {bytes.Length} bytes, the manifest says {file.Size}");
        }

        if (!string.Equals(Convert.ToHexString(SHA256.HashData(bytes)), file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw FlowDeploymentException.FileMismatch(manifest.Name, file.Path, "does not match its SHA-256 in the manifest");
        }
    }

    /// <summary>A link inside the folder could point anywhere (and be retargeted later): refused, whatever it names.</summary>
    private static void RefuseLinks(string root, string deployment)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        try
        {
            foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", options))
            {
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) || entry.LinkTarget is not null)
                {
                    throw FlowDeploymentException.LinkInFolder(deployment, Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FlowDeploymentException.FileUnreadable(deployment, root, ex);
        }
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
