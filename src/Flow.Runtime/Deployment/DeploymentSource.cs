using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Flow.Deployment.Storage;

namespace Flow.Deployment;

/// <summary>
/// Where a deployment's bytes come from: a folder or a database's stored copy. Both are read
/// through the same capture and verification (<see cref="DeploymentContent.Capture(DeploymentSource, ManifestTrust)"/>),
/// so a stored version is trusted exactly as far as a folder would be: its manifest parses and
/// validates, its signature checks out when trust is configured, and every file matches its hash.
/// </summary>
internal abstract class DeploymentSource
{
    /// <summary>How messages and events name it: the folder's path, or <c>store://name/version</c>.</summary>
    public abstract string Label { get; }

    /// <summary>The manifest's exact bytes (FLOW6001 when missing, FLOW6002 when unreadable).</summary>
    public abstract byte[] ReadManifest();

    /// <summary>The detached signature's bytes, or null when there is none (FLOW6031 when it cannot be read).</summary>
    public abstract byte[]? ReadSignature();

    /// <summary>Checks what holds the files before any is read (a folder refuses links: FLOW6012).</summary>
    public virtual void CheckContainer(string deployment)
    {
    }

    /// <summary>One listed file's bytes (FLOW6003 when missing, FLOW6004 for a path leaving the deployment, FLOW6011 when unreadable).</summary>
    public abstract byte[] ReadFile(string deployment, string path);

    /// <summary>Checks the parsed manifest against what the source says it holds (a stored copy names its version).</summary>
    public virtual void CheckManifest(DeploymentManifest manifest)
    {
    }
}

/// <summary>A deployment folder on disk.</summary>
internal sealed class FolderSource(string folder) : DeploymentSource
{
    public override string Label => folder;

    public override byte[] ReadManifest()
    {
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        if (!File.Exists(path))
        {
            throw FlowDeploymentException.ManifestMissing(folder);
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FlowDeploymentException.ManifestUnreadable(folder, ex.Message, ex);
        }
    }

    public override byte[]? ReadSignature()
    {
        var path = Path.Combine(folder, ManifestSignature.FileName);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ManifestSignature.Unreadable(folder, ex);
        }
    }

    public override void CheckContainer(string deployment) => DeploymentContent.RefuseLinks(DeploymentVerifier.Root(folder), deployment);

    public override byte[] ReadFile(string deployment, string path)
    {
        var full = DeploymentVerifier.FullPath(DeploymentVerifier.Root(folder), deployment, path);
        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw FlowDeploymentException.FileMismatch(deployment, path, "is missing");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FlowDeploymentException.FileUnreadable(deployment, path, ex);
        }
    }
}

/// <summary>
/// A version as an <see cref="IDeploymentStore"/> keeps it. The detached signature, when the
/// version was signed, is stored as the file named <see cref="ManifestSignature.FileName"/>.
/// </summary>
internal sealed class StoredSource : DeploymentSource
{
    /// <summary>Paths are checked as if the files were in a folder here (string rules only; nothing on disk is touched).</summary>
    private static readonly string VirtualRoot = DeploymentVerifier.Root(Path.Combine(Path.GetTempPath(), "flow-stored-deployment"));

    private readonly StoredDeployment _deployment;
    private readonly Dictionary<string, byte[]> _files;

    public StoredSource(StoredDeployment deployment)
    {
        _deployment = deployment;
        _files = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, bytes) in deployment.Files ?? new Dictionary<string, byte[]>())
        {
            _files[path.Replace('\\', '/')] = bytes;
        }
    }

    public override string Label => StoredLabel(_deployment.Name, _deployment.Version);

    public static string StoredLabel(string name, int version) => $"store://{name}/{version}";

    public override byte[] ReadManifest()
    {
        if (string.IsNullOrEmpty(_deployment.ManifestJson))
        {
            throw FlowDeploymentException.ManifestMissing(Label);
        }

        return Encoding.UTF8.GetBytes(_deployment.ManifestJson);
    }

    public override byte[]? ReadSignature() => _files.TryGetValue(ManifestSignature.FileName, out var bytes) ? bytes : null;

    public override byte[] ReadFile(string deployment, string path)
    {
        DeploymentVerifier.FullPath(VirtualRoot, deployment, path);
        return _files.TryGetValue(path.Replace('\\', '/'), out var bytes) && bytes is not null
            ? bytes.ToArray()   // a copy: the caller cannot change what was checked
            : throw FlowDeploymentException.FileMismatch(deployment, path, "is missing from the stored deployment");
    }

    public override void CheckManifest(DeploymentManifest manifest)
    {
        if (TenantScope.Of(manifest) != _deployment.Name || manifest.Version != _deployment.Version)
        {
            throw FlowDeploymentException.StoredMismatch(Label, manifest.Name, manifest.Version);
        }
    }

    /// <summary>The stored copy of captured content: the manifest's text and every listed file (and the signature, if any).</summary>
    public static StoredDeployment From(DeploymentContent content)
    {
        var files = content.Manifest.Files.ToDictionary(f => f.Path, f => content.FileBytes(f.Path).ToArray(), StringComparer.Ordinal);
        if (content.SignatureBytes is { } signature)
        {
            files[ManifestSignature.FileName] = signature.ToArray();
        }

        return new StoredDeployment(TenantScope.Of(content.Manifest), content.Manifest.Version, content.ManifestText, files);
    }
}
