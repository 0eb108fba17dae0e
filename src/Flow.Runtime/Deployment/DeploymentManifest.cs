using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Flow.Deployment;

/// <summary>
/// flow-manifest.json: what a deployment folder holds (see docs/manifest.md). Written last by the
/// build task, so its presence is the commit point of a deployment folder.
/// </summary>
public sealed class DeploymentManifest
{
    /// <summary>The manifest format version this runtime reads.</summary>
    public const int SupportedSchemaVersion = 1;

    /// <summary>The file name the runtime looks for.</summary>
    public const string FileName = "flow-manifest.json";

    /// <summary>The manifest format version.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; set; }

    /// <summary>The deployment name (default: the flow assembly's name).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The tenant, if any.</summary>
    [JsonPropertyName("tenant")]
    public string? Tenant { get; set; }

    /// <summary>The deployment version: moves only when content changes.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>The flow assembly's file, relative to the folder.</summary>
    [JsonPropertyName("assembly")]
    public string Assembly { get; set; } = "";

    /// <summary>The processes the flow assembly defines.</summary>
    [JsonPropertyName("processes")]
    public List<ManifestProcess> Processes { get; set; } = new();

    /// <summary>Every file of the deployment, with its hash.</summary>
    [JsonPropertyName("files")]
    public List<ManifestFile> Files { get; set; } = new();

    /// <summary>Camunda processes.xml-like settings.</summary>
    [JsonPropertyName("settings")]
    public ManifestSettings Settings { get; set; } = new();
}

/// <summary>One process of a deployment.</summary>
public sealed class ManifestProcess
{
    /// <summary>The process key.</summary>
    [JsonPropertyName("key")]
    public string Key { get; set; } = "";

    /// <summary>The process name, if any.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The generated type's full name.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>The definition version of this key.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>SHA-256 of what the process means.</summary>
    [JsonPropertyName("definitionHash")]
    public string DefinitionHash { get; set; } = "";

    /// <summary>The .bpmn file it came from.</summary>
    [JsonPropertyName("file")]
    public string? File { get; set; }

    /// <summary>SHA-256 of that file's text.</summary>
    [JsonPropertyName("sourceHash")]
    public string? SourceHash { get; set; }
}

/// <summary>One file of a deployment.</summary>
public sealed class ManifestFile
{
    /// <summary>The path relative to the deployment folder, with '/' separators.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>The size in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; set; }

    /// <summary>SHA-256, lower-case hex.</summary>
    [JsonPropertyName("sha256")]
    public string Sha256 { get; set; } = "";
}

/// <summary>Deployment settings, as Camunda's processes.xml has them.</summary>
public sealed class ManifestSettings
{
    /// <summary>Keep previous versions registered for their running instances.</summary>
    [JsonPropertyName("resumePreviousVersions")]
    public bool ResumePreviousVersions { get; set; } = true;

    /// <summary>"process-definition-key" (default) or "deployment-name".</summary>
    [JsonPropertyName("resumePreviousVersionsUpon")]
    public string ResumePreviousVersionsUpon { get; set; } = "process-definition-key";

    /// <summary>Only processes whose definition changed get a new version.</summary>
    [JsonPropertyName("deployChangedOnly")]
    public bool DeployChangedOnly { get; set; }

    /// <summary>Undeploying also removes the instances of the deployment.</summary>
    [JsonPropertyName("deleteUponUndeploy")]
    public bool DeleteUponUndeploy { get; set; }
}
