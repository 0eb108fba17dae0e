using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flow.Build.Tasks.Assembly;
using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Sharing;
using Flow.Build.Tasks.Signing;
using Flow.Build.Tasks.Versioning;

namespace Flow.Build.Tasks;

/// <summary>
/// Makes the deployment folder: reads the processes from the flow assembly's metadata,
/// numbers them against the previous manifest (or the lock file), copies the files, and
/// commits by writing flow-manifest.json last, atomically. Files the previous manifest
/// listed and this one does not are removed after the commit. Failures throw
/// <see cref="FlowBuildException"/>.
/// </summary>
public static class DeploymentWriter
{
    /// <summary>
    /// Whether a process of one of the deployment's file names is this deployment's: always, unless
    /// another deployment of the project has a diagram of the same file name (in another folder);
    /// then only when one of this deployment's diagrams of that name defines the process's key.
    /// </summary>
    private static bool DefinedHere(ProcessFacts process, DeploymentRequest request)
    {
        bool SameName(string path) => string.Equals(Path.GetFileName(path), process.SourceFile, StringComparison.OrdinalIgnoreCase);
        var mine = request.DiagramPaths.Where(SameName).ToArray();
        var shared = request.ProjectDiagramPaths.Where(SameName).Except(mine, StringComparer.Ordinal).Any();
        return !shared || mine.Any(path => DiagramProcessIds.Read(path).Contains(process.Key));
    }

    public static DeploymentResult Write(DeploymentRequest request)
    {
        if (request.SigningKeyPem is not null)
        {
            ManifestSigner.Validate(request.SigningKeyPem, request.SigningKeySource);
        }

        var processes = SourceHashes.Apply(ReadProcesses(request.FlowAssembly), request.DiagramPaths);
        if (request.OnlyDiagrams is { } only)
        {
            processes = processes.Where(p => only.Contains(p.SourceFile, StringComparer.OrdinalIgnoreCase) && DefinedHere(p, request)).ToList();
            if (processes.Count == 0)
            {
                throw new FlowBuildException(TaskDiagnostics.EmptyDeploymentGroup, null, request.DeploymentName, string.Join(", ", only));
            }
        }
        var closure = PackageClosure.Read(request.ProjectAssetsFile, request.SharedPackageIds.Concat(HostProvided.PackageIds).ToArray());
        var chosen = DeploymentFiles.Select(
            request.Candidates,
            request.SharedPackageIds.Concat(closure.PackageIds).ToArray(),
            request.SharedAssemblyNames.Concat(closure.ProjectNames).ToArray());
        var manifestPath = Path.Combine(request.DeploymentDirectory, DeploymentManifest.FileName);
        var previousManifest = ReadPreviousManifest(request.PreviousManifestPath ?? manifestPath);
        var history = ReadLockFile(request.LockFilePath)
            ?? (previousManifest is null ? null : ToHistory(previousManifest, request.PreviousManifestPath ?? manifestPath));

        try
        {
            var files = chosen.Select(f => FileHashing.Describe(f.SourcePath, f.RelativePath)).ToArray();
            var manifest = VersionRules.Apply(history, new DeploymentInputs(request.DeploymentName, request.Tenant, Path.GetFileName(request.FlowAssembly), request.Settings, processes, files));

            var targets = chosen.Select(f => FolderPath.Inside(request.DeploymentDirectory, f.RelativePath)
                ?? throw new FlowBuildException(TaskDiagnostics.PathOutsideFolder, null, f.SourcePath, f.RelativePath, request.DeploymentDirectory)).ToArray();
            Directory.CreateDirectory(request.DeploymentDirectory);
            var written = new List<string>();
            for (var i = 0; i < chosen.Count; i++)
            {
                var target = targets[i];
                CopyIfDifferent(chosen[i].SourcePath, target, files[i]);
                written.Add(target);
            }

            var manifestBytes = ManifestWriter.ToBytes(ManifestWriter.Write(manifest));
            if (WriteSignature(manifestPath, manifestBytes, request) is { } signaturePath)
            {
                written.Add(signaturePath);
            }

            WriteIfDifferent(manifestPath, manifestBytes);
            written.Add(manifestPath);
            RemoveStale(request.DeploymentDirectory, previousManifest, manifest);
            if (!string.IsNullOrEmpty(request.LockFilePath))
            {
                WriteIfDifferent(request.LockFilePath!, LockFile.Write(manifest));
            }

            return new DeploymentResult(manifest, manifestPath, written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlowBuildException(TaskDiagnostics.WriteFailed, null, request.DeploymentDirectory, e.Message);
        }
    }

    private static IReadOnlyList<ProcessFacts> ReadProcesses(string assemblyPath)
    {
        IReadOnlyList<ProcessFacts> processes;
        try
        {
            processes = FlowProcessReader.Read(assemblyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            throw new FlowBuildException(TaskDiagnostics.AssemblyUnreadable, assemblyPath, assemblyPath, e.Message);
        }

        var duplicate = processes.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var both = duplicate.Take(2).ToArray();
            throw new FlowBuildException(TaskDiagnostics.DuplicateProcessKey, assemblyPath, duplicate.Key, both[0].Type, both[1].Type, assemblyPath);
        }

        return processes;
    }

    private static DeploymentManifest? ReadPreviousManifest(string path)
    {
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
            throw new FlowBuildException(TaskDiagnostics.PreviousManifestUnreadable, path, path, e.Message);
        }
    }

    private static VersionHistory ToHistory(DeploymentManifest manifest, string path)
    {
        try
        {
            return VersionHistory.From(manifest);
        }
        catch (FormatException e)
        {
            throw new FlowBuildException(TaskDiagnostics.PreviousManifestUnreadable, path, path, e.Message);
        }
    }

    private static VersionHistory? ReadLockFile(string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return LockFile.Read(File.ReadAllText(path!));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new FlowBuildException(TaskDiagnostics.LockFileUnreadable, path!, path!, e.Message);
        }
    }

    private static void CopyIfDifferent(string source, string target, FileEntry entry)
    {
        if (File.Exists(target) && new FileInfo(target).Length == entry.Size
            && FileHashing.Describe(target, entry.Path).Sha256 == entry.Sha256)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
    }

    private static void WriteIfDifferent(string path, string text) => WriteIfDifferent(path, ManifestWriter.ToBytes(text));

    private static void WriteIfDifferent(string path, byte[] bytes)
    {
        if (!AtomicFile.HasContent(path, bytes))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.Write(path, bytes);
        }
    }

    /// <summary>
    /// flow-manifest.json.sig, written before the manifest (the manifest stays the commit point).
    /// A signature that still verifies is kept (ECDSA signatures differ each time); without a key,
    /// a signature of other bytes is stale and removed.
    /// </summary>
    private static string? WriteSignature(string manifestPath, byte[] manifest, DeploymentRequest request)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, ManifestSigner.SignatureFileName);
        if (request.SigningKeyPem is null)
        {
            if (File.Exists(path) && !AtomicFile.HasContent(manifestPath, manifest))
            {
                File.Delete(path);
            }

            return null;
        }

        if (!File.Exists(path) || !ManifestSigner.IsValid(manifest, File.ReadAllText(path), request.SigningKeyPem, request.SigningKeySource))
        {
            WriteIfDifferent(path, ManifestSigner.Sign(manifest, request.SigningKeyPem, request.SigningKeySource));
        }

        return path;
    }

    private static void RemoveStale(string directory, DeploymentManifest? previous, DeploymentManifest current)
    {
        if (previous is null)
        {
            return;
        }

        var kept = new HashSet<string>(current.Files.Select(f => f.Path), StringComparer.OrdinalIgnoreCase);
        foreach (var old in previous.Files.Where(f => !kept.Contains(f.Path)))
        {
            // Only inside the folder: a hand-edited manifest must not delete files elsewhere.
            var path = FolderPath.Inside(directory, old.Path);
            if (path is not null && File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
