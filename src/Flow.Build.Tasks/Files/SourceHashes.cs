using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flow.Build.Tasks.Versioning;

namespace Flow.Build.Tasks.Files;

/// <summary>
/// The manifest's sourceHash is the SHA-256 of the .bpmn file as it is on disk, hashed here.
/// Generated code carries only a hash without the diagram's layout (so that moving a shape does
/// not regenerate C#); the flow assembly therefore no longer knows the file's exact bytes. A
/// process is matched to its file by name (its [FlowProcess] sourceFile); when no diagram, or
/// more than one, has that name, the assembly's hash is kept.
/// </summary>
public static class SourceHashes
{
    public static IReadOnlyList<ProcessFacts> Apply(IReadOnlyList<ProcessFacts> processes, IReadOnlyList<string> diagramPaths)
    {
        if (diagramPaths.Count == 0)
        {
            return processes;
        }

        var byName = diagramPaths
            .GroupBy(p => Path.GetFileName(p), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        return processes.Select(process =>
        {
            if (!byName.TryGetValue(process.SourceFile, out var paths) || paths.Length != 1 || !File.Exists(paths[0]))
            {
                return process;
            }

            if (!hashes.TryGetValue(paths[0], out var hash))
            {
                hashes[paths[0]] = hash = FileHashing.Describe(paths[0], process.SourceFile).Sha256;
            }

            return process with { SourceHash = hash };
        }).ToArray();
    }
}
