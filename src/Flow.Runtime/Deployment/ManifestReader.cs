using System;
using System.IO;
using System.Text.Json;

namespace Flow.Deployment;

/// <summary>Reads and checks a deployment folder's manifest (not its files: see <see cref="DeploymentVerifier"/>).</summary>
public static class ManifestReader
{
    private static readonly JsonSerializerOptions Options = new() { ReadCommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads <c>folder/flow-manifest.json</c>; throws FLOW6001/FLOW6002 when it is missing or bad.</summary>
    public static DeploymentManifest Read(string folder)
    {
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        if (!File.Exists(path))
        {
            throw FlowDeploymentException.ManifestMissing(folder);
        }

        DeploymentManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DeploymentManifest>(File.ReadAllBytes(path), Options);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw FlowDeploymentException.ManifestUnreadable(folder, ex.Message, ex);
        }

        if (manifest is null || manifest.SchemaVersion != DeploymentManifest.SupportedSchemaVersion)
        {
            throw FlowDeploymentException.ManifestUnreadable(folder, $"schemaVersion {manifest?.SchemaVersion} is not {DeploymentManifest.SupportedSchemaVersion}");
        }

        if (string.IsNullOrWhiteSpace(manifest.Name) || string.IsNullOrWhiteSpace(manifest.Assembly) || manifest.Version < 1)
        {
            throw FlowDeploymentException.ManifestUnreadable(folder, "name, assembly and a version of at least 1 are required");
        }

        return manifest;
    }
}
