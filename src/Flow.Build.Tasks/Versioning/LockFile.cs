using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flow.Build.Tasks.Json;
using Flow.Build.Tasks.Manifest;

namespace Flow.Build.Tasks.Versioning;

/// <summary>
/// flow-lock.json: the numbering part of a manifest (deployment version, content hash, each
/// key's version and definition hash, retired keys), small enough to commit so versions
/// survive a clean build or a fresh clone. Canonical text like the manifest's.
/// </summary>
public static class LockFile
{
    public const string DefaultFileName = "flow-lock.json";

    public static string Write(DeploymentManifest manifest)
    {
        var text = new StringBuilder();
        text.Append("{\n")
            .Append("  \"schemaVersion\": ").Append(JsonText.Number(DeploymentManifest.CurrentSchemaVersion)).Append(",\n")
            .Append("  \"name\": ").Append(JsonText.String(manifest.DeploymentName)).Append(",\n")
            .Append("  \"version\": ").Append(JsonText.Number(manifest.DeploymentVersion)).Append(",\n")
            .Append("  \"contentHash\": ").Append(JsonText.String(manifest.ContentHash)).Append(",\n");
        List(text, "processes", manifest.Processes.Select(p =>
            "\"key\": " + JsonText.String(p.Key) + ", \"version\": " + JsonText.Number(p.DefinitionVersion) + ", \"definitionHash\": " + JsonText.String(p.DefinitionHash)).ToArray(), last: false);
        List(text, "retiredProcesses", manifest.RetiredProcesses.Select(r =>
            "\"key\": " + JsonText.String(r.Key) + ", \"lastDefinitionVersion\": " + JsonText.Number(r.LastDefinitionVersion)).ToArray(), last: true);
        return text.Append("}\n").ToString();
    }

    /// <summary>Throws <see cref="FormatException"/> for anything but a lock file this task could have written.</summary>
    public static VersionHistory Read(string json)
    {
        var root = JsonFields.Root(JsonParser.Parse(json));
        var schema = root.PositiveInt("schemaVersion");
        if (schema > DeploymentManifest.CurrentSchemaVersion)
        {
            throw new FormatException("it has schemaVersion " + schema.ToString(CultureInfo.InvariantCulture) + ", written by a newer Flow.Build.Tasks");
        }

        var processes = root.Array("processes", p => new ProcessEntry(
            p.String("key"), null, string.Empty, p.PositiveInt("version"), p.String("definitionHash"), string.Empty, string.Empty));
        var retired = root.Array("retiredProcesses", r => new RetiredProcess(r.String("key"), r.PositiveInt("lastDefinitionVersion")));
        var asManifest = new DeploymentManifest(schema, root.String("name"), null, root.PositiveInt("version"), string.Empty,
            root.String("contentHash"), DeploymentSettings.Default, processes, retired, Array.Empty<FileEntry>());
        return VersionHistory.From(asManifest);
    }

    private static void List(StringBuilder text, string name, IReadOnlyList<string> objects, bool last)
    {
        text.Append("  \"").Append(name).Append("\": [");
        for (var i = 0; i < objects.Count; i++)
        {
            text.Append("\n    { ").Append(objects[i]).Append(i == objects.Count - 1 ? " }\n  " : " },");
        }

        text.Append(last ? "]\n" : "],\n");
    }
}
