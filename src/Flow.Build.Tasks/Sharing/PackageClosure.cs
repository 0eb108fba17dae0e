using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Json;

namespace Flow.Build.Tasks.Sharing;

/// <summary>
/// The packages and projects the shared roots (Flow.Runtime, …) depend on, transitively, read
/// from the project's restore result (obj/project.assets.json). The host provides Flow.Runtime
/// and therefore its whole closure; a private copy of any of them in a deployment folder would
/// load a second, incompatible copy of types like <c>ILogger&lt;T&gt;</c>.
/// </summary>
public static class PackageClosure
{
    /// <summary>The closure of every id matching <paramref name="roots"/> (names or * patterns),
    /// over every target framework of the assets file; the roots themselves included.</summary>
    public static SharedClosure Read(string? assetsFile, IReadOnlyCollection<string> roots)
    {
        if (string.IsNullOrEmpty(assetsFile) || !File.Exists(assetsFile))
        {
            return SharedClosure.Empty;
        }

        Dictionary<string, object?> targets;
        try
        {
            var root = JsonParser.Parse(File.ReadAllText(assetsFile!)) as Dictionary<string, object?>
                ?? throw new FormatException("the document is not a JSON object");
            targets = root.TryGetValue("targets", out var t) && t is Dictionary<string, object?> found
                ? found
                : throw new FormatException("it has no 'targets' object");
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new FlowBuildException(TaskDiagnostics.AssetsFileUnreadable, assetsFile, assetsFile!, e.Message);
        }

        var packages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var projects = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var libraries in targets.Values.OfType<Dictionary<string, object?>>())
        {
            var graph = Graph(libraries);
            var pending = new Stack<string>(graph.Keys.Where(id => NamePattern.MatchesAny(id, roots)));
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (pending.Count > 0)
            {
                var id = pending.Pop();
                if (!seen.Add(id) || !graph.TryGetValue(id, out var library))
                {
                    continue;
                }

                (library.IsProject ? projects : packages).Add(id);
                foreach (var dependency in library.Dependencies)
                {
                    pending.Push(dependency);
                }
            }
        }

        return new SharedClosure(packages, projects);
    }

    private static Dictionary<string, Library> Graph(Dictionary<string, object?> libraries)
    {
        var graph = new Dictionary<string, Library>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in libraries)
        {
            var slash = entry.Key.IndexOf('/');
            var id = slash < 0 ? entry.Key : entry.Key.Substring(0, slash);
            var body = entry.Value as Dictionary<string, object?>;
            var isProject = body is not null && body.TryGetValue("type", out var type) && type as string == "project";
            var dependencies = body is not null && body.TryGetValue("dependencies", out var d) && d is Dictionary<string, object?> map
                ? map.Keys.ToArray()
                : Array.Empty<string>();
            graph[id] = new Library(isProject, dependencies);
        }

        return graph;
    }

    private sealed record Library(bool IsProject, IReadOnlyList<string> Dependencies);
}

/// <summary>Package ids, and project names (their assemblies carry no package id), the host provides.</summary>
public sealed record SharedClosure(IReadOnlyCollection<string> PackageIds, IReadOnlyCollection<string> ProjectNames)
{
    public static readonly SharedClosure Empty = new(Array.Empty<string>(), Array.Empty<string>());
}
