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
    /// <summary>obj/project.assets.json: where the dependency closure of the shared packages is read; null: none.</summary>
    public string? ProjectAssetsFile { get; init; }

    /// <summary>The PEM private key to sign the manifest with; null: not signed.</summary>
    public string? SigningKeyPem { get; init; }

    /// <summary>Where the key came from, for messages (never the key itself).</summary>
    public string SigningKeySource { get; init; } = "the signing key";

    /// <summary>The project's .bpmn files, hashed for the manifest's sourceHash (see <see cref="SourceHashes"/>).</summary>
    public IReadOnlyList<string> DiagramPaths { get; init; } = System.Array.Empty<string>();

    /// <summary>
    /// Only the processes of these diagram files (file names, as a process's [FlowProcess] source
    /// file) go into the manifest; null: every process of the assembly. One project's named
    /// deployments (see <see cref="DeploymentGroups"/>) each list their own diagrams.
    /// </summary>
    public IReadOnlyCollection<string>? OnlyDiagrams { get; init; }

    /// <summary>Every diagram of the project (all deployments), to tell when a file name of <see cref="DiagramPaths"/> is shared with another deployment's diagram.</summary>
    public IReadOnlyList<string> ProjectDiagramPaths { get; init; } = System.Array.Empty<string>();
}

/// <summary>What a run wrote: the manifest and every file it put in the folder (for Clean).</summary>
public sealed record DeploymentResult(DeploymentManifest Manifest, string ManifestPath, IReadOnlyList<string> WrittenFiles);
