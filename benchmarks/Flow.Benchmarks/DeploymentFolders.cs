using System;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Flow.Benchmarks.Flows;
using Flow.Deployment;

namespace Flow.Benchmarks;

/// <summary>
/// Deployment folders of the benchmark flow library (Flow.Benchmarks.Flows.dll). Each folder
/// also holds a small release-notes file naming its version, so every folder's content differs
/// and deploying it is a real swap: a new load context, load, activation.
/// </summary>
internal static class DeploymentFolders
{
    private static readonly string AssemblyPath = typeof(OrderProcess).Assembly.Location;

    public static string Write(string root, int version) => Write(root, version, typeof(OrderProcess));

    /// <summary>A folder whose manifest lists the processes of <paramref name="processTypes"/> (classes of the benchmark flow library).</summary>
    public static string Write(string root, int version, params Type[] processTypes)
    {
        var folder = Path.Combine(root, "v" + version);
        Directory.CreateDirectory(folder);
        var assembly = Path.GetFileName(AssemblyPath);
        File.Copy(AssemblyPath, Path.Combine(folder, assembly), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "release.txt"), "version " + version);

        var manifest = new DeploymentManifest
        {
            SchemaVersion = DeploymentManifest.SupportedSchemaVersion,
            Name = "Flow.Benchmarks.Flows",
            Version = version,
            Assembly = assembly,
            Files = { Entry(folder, assembly), Entry(folder, "release.txt") },
        };

        foreach (var type in processTypes)
        {
            var process = type.GetCustomAttribute<FlowProcessAttribute>()!;
            manifest.Processes.Add(new ManifestProcess { Key = process.Key, Name = process.Name, Type = type.FullName!, Version = 1, DefinitionHash = process.DefinitionHash, File = process.SourceFile, SourceHash = process.SourceHash });
        }

        // The manifest last, by rename: the commit point.
        var temp = Path.Combine(folder, DeploymentManifest.FileName + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(manifest));
        File.Move(temp, Path.Combine(folder, DeploymentManifest.FileName), overwrite: true);
        return folder;
    }


    private static ManifestFile Entry(string folder, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder, file));
        return new ManifestFile { Path = file, Size = bytes.Length, Sha256 = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant() };
    }
}
