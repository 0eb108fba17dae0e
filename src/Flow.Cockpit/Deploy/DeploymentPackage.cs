using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using Flow.Deployment;
using Flow.Deployment.Storage;

namespace Flow.Cockpit.Deploy;

/// <summary>
/// An uploaded deployment package: a zip of a deployment folder (flow-manifest.json, the files it
/// lists, optionally flow-manifest.json.sig), at its root or inside one top folder. Read into a
/// <see cref="StoredDeployment"/> in memory (nothing touches the disk); the registry then checks
/// it exactly as a stored deployment (hashes, signature, loading, health check).
/// </summary>
internal static class DeploymentPackage
{
    /// <summary>The most entries a package may hold.</summary>
    private const int MaxEntries = 10_000;

    /// <summary>The package as a stored deployment, or why it is not one (<see cref="CockpitErrors.UploadMalformed"/>, <see cref="CockpitErrors.UploadTooLarge"/>).</summary>
    public static (StoredDeployment? Deployment, string? FlowId, string? Error) Read(byte[] zip, long maxUnpackedBytes)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            return Malformed($"The upload is not a zip archive: {e.Message}");
        }

        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
            {
                return Malformed($"The package holds {archive.Entries.Count} entries; at most {MaxEntries} are taken.");
            }

            var entries = new List<(string Path, ZipArchiveEntry Entry)>();
            long unpacked = 0;
            foreach (var entry in archive.Entries)
            {
                var path = entry.FullName.Replace('\\', '/');
                if (path.EndsWith('/'))
                {
                    continue;   // a folder entry
                }

                if (!IsSafe(path))
                {
                    return Malformed($"The package entry '{entry.FullName}' is not a relative path inside the package (absolute, a drive, '..' or '.'); nothing was deployed.");
                }

                unpacked += entry.Length;
                if (unpacked > maxUnpackedBytes)
                {
                    return (null, CockpitErrors.UploadTooLarge, $"The package unpacks to more than {maxUnpackedBytes} bytes (MaxUploadBytes); nothing was deployed.");
                }

                entries.Add((path, entry));
            }

            var prefix = ManifestPrefix(entries.Select(e => e.Path).ToList());
            if (prefix is null)
            {
                return Malformed($"The package has no {DeploymentManifest.FileName} at its root (or inside its one top folder); zip the deployment folder the build wrote.");
            }

            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (path, entry) in entries.Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var bytes = ReadBounded(entry, maxUnpackedBytes);
                if (bytes is null)
                {
                    return (null, CockpitErrors.UploadTooLarge, $"The package entry '{path}' unpacks to more than it declares; nothing was deployed.");
                }

                files[path[prefix.Length..]] = bytes;
            }

            var manifestText = Encoding.UTF8.GetString(files[DeploymentManifest.FileName]);
            files.Remove(DeploymentManifest.FileName);
            DeploymentManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<DeploymentManifest>(manifestText);
            }
            catch (JsonException e)
            {
                return Malformed($"{DeploymentManifest.FileName} of the package is not a manifest: {e.Message}");
            }

            if (manifest is null || string.IsNullOrEmpty(manifest.Name))
            {
                return Malformed($"{DeploymentManifest.FileName} of the package names no deployment.");
            }

            var tenant = string.IsNullOrEmpty(manifest.Tenant) ? null : manifest.Tenant;
            return (new StoredDeployment(StoredDeployment.NameFor(manifest.Name, tenant), manifest.Version, manifestText, files), null, null);
        }
    }

    /// <summary>A relative path of plain segments: no root, drive, empty, '.' or '..' segment.</summary>
    internal static bool IsSafe(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains(':', StringComparison.Ordinal)
        && path.Split('/').All(s => s.Length > 0 && s != "." && s != "..");

    /// <summary>"" when the manifest is at the root, "top/" when every entry is inside one folder holding it, null otherwise.</summary>
    private static string? ManifestPrefix(IReadOnlyList<string> paths)
    {
        if (paths.Contains(DeploymentManifest.FileName))
        {
            return "";
        }

        var tops = paths.Select(p => p.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        return tops.Count == 1 && paths.Contains(tops[0] + "/" + DeploymentManifest.FileName) ? tops[0] + "/" : null;
    }

    /// <summary>The entry's bytes, or null when it unpacks to more than it declares or than the limit.</summary>
    private static byte[]? ReadBounded(ZipArchiveEntry entry, long max)
    {
        if (entry.Length > max)
        {
            return null;
        }

        using var stream = entry.Open();
        var buffer = new MemoryStream((int)Math.Min(entry.Length, int.MaxValue));
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > entry.Length)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static (StoredDeployment?, string?, string?) Malformed(string error) => (null, CockpitErrors.UploadMalformed, error);
}
