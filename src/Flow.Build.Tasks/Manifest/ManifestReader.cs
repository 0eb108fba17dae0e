using System;
using System.Globalization;
using Flow.Build.Tasks.Json;

namespace Flow.Build.Tasks.Manifest;

/// <summary>
/// Reads flow-manifest.json back. Anything that is not a manifest this task could have
/// written throws <see cref="FormatException"/>: a previous manifest is the memory of
/// versions, so a damaged one must stop the build rather than restart numbering.
/// </summary>
public static class ManifestReader
{
    public static DeploymentManifest Read(string json)
    {
        var root = JsonFields.Root(JsonParser.Parse(json));
        var schema = root.PositiveInt("schemaVersion");
        if (schema > DeploymentManifest.CurrentSchemaVersion)
        {
            throw new FormatException("it has schemaVersion " + schema.ToString(CultureInfo.InvariantCulture)
                + ", written by a newer Flow.Build.Tasks (this one writes " + DeploymentManifest.CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture) + ")");
        }

        var settings = root.Object("settings");
        return new DeploymentManifest(
            schema,
            root.String("name"),
            root.OptionalString("tenant"),
            root.PositiveInt("version"),
            root.String("assembly"),
            root.String("contentHash"),
            new DeploymentSettings(
                settings.Bool("resumePreviousVersions"),
                settings.String("resumePreviousVersionsUpon"),
                settings.Bool("deployChangedOnly"),
                settings.Bool("deleteUponUndeploy")),
            root.Array("processes", p => new ProcessEntry(
                p.String("key"), p.OptionalString("name"), p.String("type"), p.PositiveInt("version"),
                p.String("definitionHash"), p.String("file"), p.String("sourceHash"))),
            root.Array("retiredProcesses", r => new RetiredProcess(r.String("key"), r.PositiveInt("lastDefinitionVersion"))),
            root.Array("files", f => new FileEntry(f.String("path"), f.Long("size"), f.String("sha256"))));
    }
}
