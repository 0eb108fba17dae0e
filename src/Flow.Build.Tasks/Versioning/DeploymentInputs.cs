using System.Collections.Generic;
using Flow.Build.Tasks.Manifest;

namespace Flow.Build.Tasks.Versioning;

/// <summary>Everything about the current build a manifest is made from, before numbering.</summary>
public sealed record DeploymentInputs(
    string DeploymentName,
    string? Tenant,
    string Assembly,
    DeploymentSettings Settings,
    IReadOnlyList<ProcessFacts> Processes,
    IReadOnlyList<FileEntry> Files);

/// <summary>One process as the flow assembly's [FlowProcess] attribute describes it.</summary>
public sealed record ProcessFacts(
    string Key,
    string? Name,
    string Type,
    string DefinitionHash,
    string SourceFile,
    string SourceHash);
