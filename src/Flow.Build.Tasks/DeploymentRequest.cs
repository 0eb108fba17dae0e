using System.Collections.Generic;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;

namespace Flow.Build.Tasks;

/// <summary>Everything one run of the deployment writer needs, already parsed from MSBuild.</summary>
public sealed record DeploymentRequest(
    string FlowAssembly,
    IReadOnlyList<CandidateFile> Candidates,
    string DeploymentDirectory,
    string DeploymentName,
    string? Tenant,
    DeploymentSettings Settings,
    string? LockFilePath,
    string? PreviousManifestPath,
    IReadOnlyCollection<string> SharedPackageIds,
    IReadOnlyCollection<string> SharedAssemblyNames)
{
    /// <summary>The project's .bpmn files, hashed for the manifest's sourceHash (see <see cref="SourceHashes"/>).</summary>
    public IReadOnlyList<string> DiagramPaths { get; init; } = System.Array.Empty<string>();
}

/// <summary>What a run wrote: the manifest and every file it put in the folder (for Clean).</summary>
public sealed record DeploymentResult(DeploymentManifest Manifest, string ManifestPath, IReadOnlyList<string> WrittenFiles);
