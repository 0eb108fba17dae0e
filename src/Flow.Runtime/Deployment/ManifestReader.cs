using System;
using System.IO;
using System.Text.Json;

namespace Flow.Deployment;

/// <summary>Reads and checks a deployment folder's manifest (not its files: see <see cref="DeploymentVerifier"/>).</summary>
public static class ManifestReader
{
    private static readonly JsonSerializerOptions Options = new() { ReadCommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Reads <c>folder/flow-manifest.json</c>; throws FLOW6001 when it is missing, FLOW6002 when it
    /// cannot be read, is not JSON or has another schema version, FLOW6010 when it does not match
    /// the schema (a missing or mistyped member, a null list, duplicates).
    /// </summary>
    public static DeploymentManifest Read(string folder)
    {
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        if (!File.Exists(path))
        {
            throw FlowDeploymentException.ManifestMissing(folder);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FlowDeploymentException.ManifestUnreadable(folder, ex.Message, ex);
        }

        return Parse(folder, bytes);
    }

    /// <summary>Parses and validates manifest bytes (pure).</summary>
    internal static DeploymentManifest Parse(string folder, byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw FlowDeploymentException.ManifestUnreadable(folder, ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var schema = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schemaVersion", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : (int?)null;
            if (schema != DeploymentManifest.SupportedSchemaVersion)
            {
                throw FlowDeploymentException.ManifestUnreadable(folder, $"schemaVersion {schema?.ToString() ?? "(missing)"} is not {DeploymentManifest.SupportedSchemaVersion}");
            }

            ManifestValidator.Validate(folder, root);
            DeploymentManifest manifest;
            try
            {
                manifest = root.Deserialize<DeploymentManifest>(Options)!;
            }
            catch (JsonException ex)
            {
                throw FlowDeploymentException.ManifestInvalid(folder, ex.Message, ex);
            }

            ManifestValidator.ValidateContent(folder, manifest);
            return manifest;
        }
    }
}
