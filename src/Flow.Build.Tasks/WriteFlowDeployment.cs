using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Signing;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Flow.Build.Tasks;

/// <summary>
/// MSBuild face of <see cref="DeploymentWriter"/>: turns properties and items into a
/// <see cref="DeploymentRequest"/> and each <see cref="FlowBuildException"/> into one
/// FLOW5xxx error. Wired up in build/Flow.Generators.targets.
/// </summary>
public sealed class WriteFlowDeployment : Task
{
    /// <summary>The built flow assembly.</summary>
    [Required]
    public string FlowAssembly { get; set; } = string.Empty;

    /// <summary>Files to deploy beside it: the assembly's own (pdb) and ReferenceCopyLocalPaths.
    /// Metadata used: DestinationSubDirectory, NuGetPackageId, and FlowRelativePath (wins).</summary>
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The project's .bpmn files: the manifest's sourceHash of each process is its file's SHA-256, hashed here.</summary>
    public ITaskItem[] Diagrams { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string DeploymentDirectory { get; set; } = string.Empty;

    [Required]
    public string DeploymentName { get; set; } = string.Empty;

    public string? Tenant { get; set; }

    public string ResumePreviousVersions { get; set; } = "true";

    public string ResumePreviousVersionsUpon { get; set; } = DeploymentSettings.ByProcessKey;

    public string DeployChangedOnly { get; set; } = "false";

    public string DeleteUponUndeploy { get; set; } = "false";

    /// <summary>
    /// Camunda's isScanForProcessDefinitions: "true" (default) deploys every diagram; "false" only
    /// the diagrams with FlowDeployment metadata (the listed ones).
    /// </summary>
    public string ScanForProcessDefinitions { get; set; } = "true";

    /// <summary>flow-lock.json to read versions from and keep up to date; empty: none.</summary>
    public string? LockFile { get; set; }

    /// <summary>Where the previous manifest is, when not in <see cref="DeploymentDirectory"/> (publish).</summary>
    public string? PreviousManifest { get; set; }

    public string SharedPackageIds { get; set; } = "Flow.Runtime;Flow.Generators";

    public string SharedAssemblyNames { get; set; } = "Flow.Runtime";

    /// <summary>obj/project.assets.json, for the dependency closure of the shared packages.</summary>
    public string? ProjectAssetsFile { get; set; }

    /// <summary>An unencrypted PEM private key (ECDSA or RSA) to sign the manifest with; wins over <see cref="SigningKeyVariable"/>.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The name of an environment variable holding that PEM text (a CI secret).</summary>
    public string? SigningKeyVariable { get; set; }

    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

    [Output]
    public int DeploymentVersion { get; private set; }

    public override bool Execute()
    {
        try
        {
            var signingKey = ManifestSigner.ReadKey(SigningKeyFile, SigningKeyVariable);
            var diagrams = Diagrams.Where(d => d.GetMetadata("FullPath").Length > 0)
                .Select(d => new DiagramItem(d.GetMetadata("FullPath"), string.IsNullOrWhiteSpace(d.GetMetadata("FlowDeployment")) ? null : d.GetMetadata("FlowDeployment").Trim()))
                .ToArray();
            var groups = DeploymentGroups.Of(diagrams, DeploymentName, Bool("FlowScanForProcessDefinitions", ScanForProcessDefinitions));
            var everything = DeploymentGroups.IsSingleScanned(groups, diagrams) || diagrams.Length == 0;
            var single = everything || (groups.Count == 1 && groups[0].IsDefault);
            var written = new List<ITaskItem>();
            var folders = new List<string>();
            foreach (var group in everything ? new[] { new DeploymentGroup(DeploymentName, true, diagrams.Select(d => d.FullPath).ToArray()) } : groups)
            {
                // One deployment: the folder itself (the usual layout). Several: a sub-folder each, with its own lock file.
                var folder = single ? DeploymentDirectory : Path.Combine(DeploymentDirectory, group.Name);
                folders.Add(folder);
                var lockFile = string.IsNullOrWhiteSpace(LockFile) ? null
                    : single ? LockFile : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(LockFile)) ?? ".", "flow-lock." + group.Name + ".json");
                var previous = string.IsNullOrWhiteSpace(PreviousManifest) ? null
                    : single ? PreviousManifest : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(PreviousManifest!)) ?? ".", group.Name, DeploymentManifest.FileName);
                var result = DeploymentWriter.Write(new DeploymentRequest(
                    FlowAssembly,
                    Files.Select(ToCandidate).ToArray(),
                    folder,
                    group.Name,
                    string.IsNullOrWhiteSpace(Tenant) ? null : Tenant!.Trim(),
                    ReadSettings(),
                    lockFile,
                    previous,
                    Split(SharedPackageIds),
                    Split(SharedAssemblyNames))
                {
                    ProjectAssetsFile = string.IsNullOrWhiteSpace(ProjectAssetsFile) ? null : ProjectAssetsFile,
                    SigningKeyPem = signingKey,
                    SigningKeySource = ManifestSigner.KeySource(SigningKeyFile, SigningKeyVariable),
                    DiagramPaths = group.DiagramPaths,
                    OnlyDiagrams = everything ? null : group.FileNames,
                    ProjectDiagramPaths = diagrams.Select(d => d.FullPath).ToArray(),
                });

                written.AddRange(result.WrittenFiles.Select(f => (ITaskItem)new TaskItem(f)));
                if (group.IsDefault || DeploymentVersion == 0)
                {
                    DeploymentVersion = result.Manifest.DeploymentVersion;
                }

                Log.LogMessage(MessageImportance.Normal, "Flow deployment '{0}' version {1} ({2} processes, {3} files) in {4}",
                    result.Manifest.DeploymentName, result.Manifest.DeploymentVersion, result.Manifest.Processes.Count, result.Manifest.Files.Count, folder);
            }

            RemoveStaleDeployments(folders, written.Select(w => w.ItemSpec));
            WrittenFiles = written.ToArray();
            return true;
        }
        catch (FlowBuildException e)
        {
            Log.LogError(null, e.Diagnostic.Id, null, e.File ?? string.Empty, 0, 0, 0, 0, e.Message);
            return false;
        }
    }

    /// <summary>What an earlier build wrote in another layout (one deployment, or other groups) goes, so no host or copy step finds it.</summary>
    private void RemoveStaleDeployments(IReadOnlyCollection<string> folders, IEnumerable<string> written)
    {
        try
        {
            foreach (var file in StaleDeployments.Remove(DeploymentDirectory, folders, written))
            {
                Log.LogMessage(MessageImportance.Normal, "Flow deployment: removed '{0}', left from a deployment this build no longer writes", file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlowBuildException(TaskDiagnostics.WriteFailed, null, DeploymentDirectory, e.Message);
        }
    }

    private DeploymentSettings ReadSettings()
    {
        var by = ResumePreviousVersionsUpon.Trim();
        if (by != DeploymentSettings.ByProcessKey && by != DeploymentSettings.ByDeploymentName)
        {
            throw new FlowBuildException(TaskDiagnostics.InvalidSetting, null, "FlowResumePreviousVersionsUpon", by,
                "'" + DeploymentSettings.ByProcessKey + "' or '" + DeploymentSettings.ByDeploymentName + "'");
        }

        return new DeploymentSettings(
            Bool("FlowResumePreviousVersions", ResumePreviousVersions), by,
            Bool("FlowDeployChangedOnly", DeployChangedOnly),
            Bool("FlowDeleteUponUndeploy", DeleteUponUndeploy));
    }

    private static bool Bool(string property, string value) =>
        bool.TryParse(value.Trim(), out var result) ? result
        : throw new FlowBuildException(TaskDiagnostics.InvalidSetting, null, property, value, "'true' or 'false'");

    private CandidateFile ToCandidate(ITaskItem item)
    {
        var relative = item.GetMetadata("FlowRelativePath");
        if (string.IsNullOrEmpty(relative))
        {
            relative = Path.Combine(item.GetMetadata("DestinationSubDirectory"), Path.GetFileName(item.ItemSpec));
        }

        var packageId = item.GetMetadata("NuGetPackageId");
        return new CandidateFile(item.GetMetadata("FullPath"), relative, packageId.Length == 0 ? null : packageId);
    }

    private static string[] Split(string list) =>
        list.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

}
