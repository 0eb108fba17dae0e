using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Flow.Deployment;

/// <summary>
/// The bytes of one deployment version, captured once from its folder or a deployment store and
/// verified against its manifest. A version owns them: loading, reloading and rollback read only these bytes, never
/// the folder again, so rebuilding or tampering with the folder later cannot change what a
/// version runs. Nothing outside the runtime gets the arrays.
/// </summary>
internal sealed class DeploymentContent
{
    private readonly Dictionary<string, byte[]> _files;

    private DeploymentContent(DeploymentManifest manifest, Dictionary<string, byte[]> files, byte[]? manifestBytes, byte[]? signatureBytes)
    {
        Manifest = manifest;
        _files = files;
        ManifestBytes = manifestBytes;
        SignatureBytes = signatureBytes;
    }

    public DeploymentManifest Manifest { get; }

    /// <summary>The manifest's exact bytes as read (what its signature covers); null when captured without them.</summary>
    public byte[]? ManifestBytes { get; }

    /// <summary>The detached signature's bytes, when there was one.</summary>
    public byte[]? SignatureBytes { get; }

    /// <summary>The manifest as text, exactly as read (for a deployment store).</summary>
    public string ManifestText => ManifestBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : JsonSerializer.Serialize(Manifest);

    /// <summary>
    /// The one path by which a deployment's bytes become trusted, from a folder or a store alike:
    /// reads the manifest's bytes once, parses and validates them (FLOW6001/6002/6010), checks the
    /// signature over exactly those bytes when <paramref name="trust"/> requires one (FLOW6030/6031),
    /// then reads every listed file once and checks its size and SHA-256 (FLOW6003/6004/6011/6012).
    /// </summary>
    public static DeploymentContent Capture(DeploymentSource source, ManifestTrust trust)
    {
        var (manifest, manifestBytes) = ReadManifest(source);
        return Capture(source, manifest, manifestBytes, trust);
    }

    /// <summary>The first step of <see cref="Capture(DeploymentSource, ManifestTrust)"/>: the manifest's exact bytes, parsed and validated.</summary>
    public static (DeploymentManifest Manifest, byte[] Bytes) ReadManifest(DeploymentSource source)
    {
        var manifestBytes = source.ReadManifest();
        var manifest = ManifestReader.Parse(source.Label, manifestBytes);
        source.CheckManifest(manifest);
        return (manifest, manifestBytes);
    }

    /// <summary>The rest of <see cref="Capture(DeploymentSource, ManifestTrust)"/>: the signature over those bytes, then every file.</summary>
    public static DeploymentContent Capture(DeploymentSource source, DeploymentManifest manifest, byte[] manifestBytes, ManifestTrust trust) =>
        Capture(source, manifest, manifestBytes, trust, null);

    /// <summary>
    /// As <see cref="Capture(DeploymentSource, DeploymentManifest, byte[], ManifestTrust)"/>; when trust
    /// requires a signature and the manifest has none, <paramref name="unsignedVerifier"/> (if any)
    /// may vouch for the hash-checked files instead (content deployment: signatures over the texts).
    /// </summary>
    public static DeploymentContent Capture(DeploymentSource source, DeploymentManifest manifest, byte[] manifestBytes, ManifestTrust trust, UnsignedDeploymentVerifier? unsignedVerifier)
    {
        byte[]? signature;
        try
        {
            signature = source.ReadSignature();
        }
        catch (FlowDeploymentException) when (!trust.IsRequired)
        {
            signature = null;   // not checked, so not kept either
        }

        if (trust.IsRequired && signature is null && unsignedVerifier is not null)
        {
            var captured = CaptureFiles(source, manifest, manifestBytes, null);
            var copies = manifest.Files.ToDictionary(f => Normalize(f.Path), f => captured.FileBytes(f.Path).ToArray(), StringComparer.OrdinalIgnoreCase);
            if (unsignedVerifier(manifest, copies))
            {
                return captured;
            }
        }

        ManifestSignature.Verify(source.Label, manifest, manifestBytes, signature, trust);
        return CaptureFiles(source, manifest, manifestBytes, signature);
    }

    /// <summary>
    /// Reads every listed file once and checks its size and SHA-256 against the bytes read (so
    /// what was checked is exactly what will load). Refuses links and reparse points anywhere in
    /// the folder (FLOW6012), paths that leave it (FLOW6004), unreadable files (FLOW6011) and
    /// files that do not match (FLOW6003).
    /// </summary>
    public static DeploymentContent Capture(string folder, DeploymentManifest manifest) =>
        CaptureFiles(new FolderSource(folder), manifest, null, null);

    private static DeploymentContent CaptureFiles(DeploymentSource source, DeploymentManifest manifest, byte[]? manifestBytes, byte[]? signature)
    {
        source.CheckContainer(manifest.Name);
        var files = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in manifest.Files)
        {
            var bytes = source.ReadFile(manifest.Name, file.Path);
            Check(manifest, file, bytes);
            files[Normalize(file.Path)] = bytes;
        }

        if (!files.ContainsKey(Normalize(manifest.Assembly)))
        {
            throw FlowDeploymentException.ManifestInvalid(source.Label, $"the flow assembly '{manifest.Assembly}' is not listed in 'files'");
        }

        return new DeploymentContent(manifest, files, manifestBytes, signature);
    }

    /// <summary>One held file's bytes (the runtime's own array: callers copy before handing it out).</summary>
    public byte[] FileBytes(string path) => _files[Normalize(path)];

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
    internal static void RefuseLinks(string root, string deployment)
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
