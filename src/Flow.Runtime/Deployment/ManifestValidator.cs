using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Flow.Deployment;

/// <summary>
/// Checks a manifest's JSON against what the runtime relies on (docs/flow-manifest.schema.json):
/// required members present with the right JSON type, no null lists or entries, hashes that are
/// SHA-256 hex, no two files with the same path or assembly name, no two processes with the
/// same key. Pure: JSON in, the first problem out (FLOW6010), so nothing later meets a null.
/// </summary>
internal static class ManifestValidator
{
    public static void Validate(string folder, JsonElement root)
    {
        var problem = FindProblem(root);
        if (problem is not null)
        {
            throw FlowDeploymentException.ManifestInvalid(folder, problem);
        }
    }

    /// <summary>Checks what the typed object holds after reading: no file or process twice.</summary>
    public static void ValidateContent(string folder, DeploymentManifest manifest)
    {
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var assemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in manifest.Files)
        {
            var path = Normalize(file.Path);
            if (!paths.Add(path))
            {
                throw FlowDeploymentException.ManifestInvalid(folder, $"the file '{file.Path}' is listed twice");
            }

            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !assemblies.Add(Path.GetFileNameWithoutExtension(path)))
            {
                throw FlowDeploymentException.ManifestInvalid(folder, $"two files carry the assembly name '{Path.GetFileNameWithoutExtension(path)}' ('{file.Path}' is the second)");
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in manifest.Processes.Where(p => !keys.Add(p.Key)))
        {
            throw FlowDeploymentException.ManifestInvalid(folder, $"the process key '{process.Key}' is listed twice");
        }
    }

    private static string? FindProblem(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the manifest is not a JSON object";
        }

        return Required(root, "name", "", JsonValueKind.String, nonEmpty: true)
            ?? Required(root, "version", "", JsonValueKind.Number, positive: true)
            ?? Required(root, "assembly", "", JsonValueKind.String, nonEmpty: true)
            ?? Optional(root, "tenant", "", JsonValueKind.String)
            ?? Optional(root, "settings", "", JsonValueKind.Object)
            ?? Items(root, "processes", (item, at) =>
                Required(item, "key", at, JsonValueKind.String, nonEmpty: true)
                ?? Required(item, "type", at, JsonValueKind.String, nonEmpty: true)
                ?? Required(item, "definitionHash", at, JsonValueKind.String, nonEmpty: true)
                ?? Optional(item, "version", at, JsonValueKind.Number))
            ?? Items(root, "files", (item, at) =>
                Required(item, "path", at, JsonValueKind.String, nonEmpty: true)
                ?? Required(item, "size", at, JsonValueKind.Number, positive: false)
                ?? Required(item, "sha256", at, JsonValueKind.String, nonEmpty: true)
                ?? Sha256(item.GetProperty("sha256").GetString()!, at + "sha256"));
    }

    private static string? Items(JsonElement owner, string name, Func<JsonElement, string, string?> check)
    {
        if (!owner.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return $"'{name}' is required and must be an array (it is {Describe(owner, name)})";
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{name}[{index++}].";
            var problem = item.ValueKind == JsonValueKind.Object ? check(item, at) : $"'{at.TrimEnd('.')}' must be an object (it is {item.ValueKind.ToString().ToLowerInvariant()})";
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Required(JsonElement owner, string name, string at, JsonValueKind kind, bool nonEmpty = false, bool positive = false)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind != kind)
        {
            return $"'{at}{name}' is required and must be a {Kind(kind)} (it is {Describe(owner, name)})";
        }

        if (nonEmpty && string.IsNullOrWhiteSpace(value.GetString()))
        {
            return $"'{at}{name}' must not be empty";
        }

        if (kind == JsonValueKind.Number && (!value.TryGetInt64(out var number) || number < (positive ? 1 : 0)))
        {
            return $"'{at}{name}' must be a whole number of at least {(positive ? 1 : 0)}";
        }

        return null;
    }

    private static string? Optional(JsonElement owner, string name, string at, JsonValueKind kind) =>
        !owner.TryGetProperty(name, out var value) || value.ValueKind == kind || (value.ValueKind == JsonValueKind.Null && kind == JsonValueKind.String)
            ? null
            : $"'{at}{name}' must be a {Kind(kind)} (it is {Describe(owner, name)})";

    private static string? Sha256(string value, string at) =>
        value.Length == 64 && value.All(Uri.IsHexDigit) ? null : $"'{at}' must be 64 hex digits (a SHA-256)";

    private static string Describe(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) ? value.ValueKind.ToString().ToLowerInvariant() : "missing";

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.Object => "object",
        _ => "string",
    };

    private static string Normalize(string path) => path.Replace('\\', '/');
}
