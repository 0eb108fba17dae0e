using System;
using System.Collections.Immutable;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Generators;

/// <summary>
/// Checks that need every file, over a small projection (keys and class names only), so one
/// edit does not recompile other files: duplicate process keys and generated classes.
/// </summary>
internal static class CrossFileChecks
{
    public static EquatableArray<LocatedDiagnostic> Check(ImmutableArray<EquatableArray<ProcessEntry>> files)
    {
        var all = files.SelectMany(f => f)
            .OrderBy(p => p.Location.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Location.Start)
            .ToList();

        var byKey = all.GroupBy(p => p.Key, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(p => Located(DiagnosticCatalog.DuplicateProcessKey, p, g.First(), p.Key, g.First().Location.Path)));
        var byClass = all.GroupBy(p => p.ClassFullName, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Where(p => p.Key != g.First().Key)
                .Select(p => Located(DiagnosticCatalog.DuplicateClassName, p, g.First(), p.Key, p.ClassFullName, g.First().Location.Path)));

        return byKey.Concat(byClass).ToEquatableArray();
    }

    private static LocatedDiagnostic Located(FlowDiagnosticDescriptor descriptor, ProcessEntry at, ProcessEntry first, params string[] arguments) =>
        new(FlowDiagnostic.Create(descriptor, at.Location.Lines, arguments), at.Location, new[] { first.Location }.ToEquatableArray());
}
