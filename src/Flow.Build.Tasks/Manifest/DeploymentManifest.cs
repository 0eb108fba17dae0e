using System.Collections.Generic;

namespace Flow.Build.Tasks.Manifest;

/// <summary>
/// The content of flow-manifest.json (docs/manifest.md describes every field). Lists are
/// kept in ordinal order so the same deployment always serializes to the same bytes.
/// </summary>
public sealed record DeploymentManifest(
    int SchemaVersion,
    string DeploymentName,
    string? Tenant,
    int DeploymentVersion,
    string Assembly,
    string ContentHash,
    DeploymentSettings Settings,
    IReadOnlyList<ProcessEntry> Processes,
    IReadOnlyList<RetiredProcess> RetiredProcesses,
    IReadOnlyList<FileEntry> Files)
{
    public const int CurrentSchemaVersion = 1;
    public const string FileName = "flow-manifest.json";
}

/// <summary>One process of the deployment: its key and the version of its definition.</summary>
public sealed record ProcessEntry(
    string Key,
    string? Name,
    string Type,
    int DefinitionVersion,
    string DefinitionHash,
    string SourceFile,
    string SourceHash);

/// <summary>A key an earlier version had and this one does not; its number is kept so a
/// re-added key continues after it instead of reusing a version for another definition.</summary>
public sealed record RetiredProcess(string Key, int LastDefinitionVersion);

/// <summary>One file of the deployment folder: '/'-separated path relative to the folder.</summary>
public sealed record FileEntry(string Path, long Size, string Sha256);
