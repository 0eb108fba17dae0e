using System.Collections.Generic;
using System.Text;
using Flow.Build.Tasks.Json;

namespace Flow.Build.Tasks.Manifest;

/// <summary>
/// Serializes a manifest to its one canonical text: fixed field order, two-space indent,
/// "\n" line endings, invariant numbers, a final newline. Same manifest, same bytes (UTF-8,
/// no BOM).
/// </summary>
public static class ManifestWriter
{
    public static string Write(DeploymentManifest manifest)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        Field(text, 1, "schemaVersion", JsonText.Number(manifest.SchemaVersion));
        Field(text, 1, "name", JsonText.String(manifest.DeploymentName));
        Field(text, 1, "tenant", JsonText.String(manifest.Tenant));
        Field(text, 1, "version", JsonText.Number(manifest.DeploymentVersion));
        Field(text, 1, "assembly", JsonText.String(manifest.Assembly));
        Field(text, 1, "contentHash", JsonText.String(manifest.ContentHash));
        text.Append("  \"settings\": {\n");
        Field(text, 2, "resumePreviousVersions", JsonText.Bool(manifest.Settings.ResumePreviousVersions));
        Field(text, 2, "resumePreviousVersionsUpon", JsonText.String(manifest.Settings.ResumePreviousVersionsUpon));
        Field(text, 2, "deployChangedOnly", JsonText.Bool(manifest.Settings.DeployChangedOnly));
        Field(text, 2, "deleteUponUndeploy", JsonText.Bool(manifest.Settings.DeleteUponUndeploy), last: true);
        text.Append("  },\n");
        Array(text, "processes", manifest.Processes, p => new[]
        {
            ("key", JsonText.String(p.Key)),
            ("name", JsonText.String(p.Name)),
            ("type", JsonText.String(p.Type)),
            ("version", JsonText.Number(p.DefinitionVersion)),
            ("definitionHash", JsonText.String(p.DefinitionHash)),
            ("file", JsonText.String(p.SourceFile)),
            ("sourceHash", JsonText.String(p.SourceHash)),
        });
        Array(text, "retiredProcesses", manifest.RetiredProcesses, r => new[]
        {
            ("key", JsonText.String(r.Key)),
            ("lastDefinitionVersion", JsonText.Number(r.LastDefinitionVersion)),
        });
        Array(text, "files", manifest.Files, f => new[]
        {
            ("path", JsonText.String(f.Path)),
            ("size", JsonText.Number(f.Size)),
            ("sha256", JsonText.String(f.Sha256)),
        }, last: true);
        text.Append("}\n");
        return text.ToString();
    }

    public static byte[] ToBytes(string json) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(json);

    private static void Field(StringBuilder text, int depth, string name, string value, bool last = false) =>
        text.Append(' ', depth * 2).Append('"').Append(name).Append("\": ").Append(value).Append(last ? "\n" : ",\n");

    private static void Array<T>(StringBuilder text, string name, IReadOnlyList<T> items, System.Func<T, (string Name, string Value)[]> fields, bool last = false)
    {
        text.Append("  \"").Append(name).Append("\": [");
        if (items.Count == 0)
        {
            text.Append(last ? "]\n" : "],\n");
            return;
        }

        text.Append('\n');
        for (var i = 0; i < items.Count; i++)
        {
            text.Append("    {\n");
            var values = fields(items[i]);
            for (var j = 0; j < values.Length; j++)
            {
                Field(text, 3, values[j].Name, values[j].Value, last: j == values.Length - 1);
            }

            text.Append(i == items.Count - 1 ? "    }\n" : "    },\n");
        }

        text.Append(last ? "  ]\n" : "  ],\n");
    }
}
