using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Flow.Compilation;

/// <summary>
/// The allow-list of assemblies a diagram compiled at run time is compiled against: the BCL
/// assemblies generated code and ordinary scripts need (<see cref="DefaultFrameworkAssemblies"/>),
/// Flow.Runtime, and the host's shared contract assemblies it adds. Nothing else is referenced, so
/// nothing else can be named by a script or a variable's type.
/// </summary>
public static class ContentReferences
{
    /// <summary>
    /// The framework assemblies referenced by default, by simple name, from the running
    /// framework's own files. System.Private.CoreLib and System.Runtime are the core library
    /// itself: they hold <c>System.IO.File</c>, <c>Environment</c> and reflection too, which is why
    /// <see cref="ContentApiRules"/> also refuses those namespaces and types in a diagram's code.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultFrameworkAssemblies = new[]
    {
        "System.Private.CoreLib",
        "System.Runtime",
        "System.Collections",
        "System.Linq",
        "System.Memory",
        "System.Runtime.Numerics",
        "System.Text.Json",
        "System.Text.RegularExpressions",
        "System.ComponentModel.Primitives",
    };

    /// <summary>Metadata references for the framework allow-list, Flow.Runtime and <paramref name="shared"/>.</summary>
    internal static IReadOnlyList<MetadataReference> For(IEnumerable<string> frameworkAssemblies, IEnumerable<Assembly> shared)
    {
        var platform = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var paths = new List<string>();
        foreach (var name in frameworkAssemblies)
        {
            paths.Add(platform.TryGetValue(name, out var path)
                ? path
                : throw new InvalidOperationException($"The framework assembly '{name}' of the content allow-list is not part of the running framework."));
        }

        foreach (var assembly in shared.Prepend(typeof(IFlowProcess).Assembly).Distinct())
        {
            paths.Add(string.IsNullOrEmpty(assembly.Location)
                ? throw new InvalidOperationException($"The assembly '{assembly.GetName().Name}' has no file (single-file publish?), so content cannot be compiled against it.")
                : assembly.Location);
        }

        return paths.Distinct(StringComparer.OrdinalIgnoreCase).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
