using System;
using System.Linq;
using System.Threading;
using Flow.Compiler;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flow.Generators;

/// <summary>The generator's per-file steps, as pure static functions (easy to test and to cache).</summary>
internal static class FileCompiler
{
    /// <summary>Reads one additional file and its options into a value-equatable input.</summary>
    public static FlowFile ReadInput(AdditionalText file, AnalyzerConfigOptionsProvider options, string? assemblyName, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken)?.ToString() ?? "";
        var fileOptions = options.GetOptions(file);
        var ns = FlowOptions.Get(fileOptions, FlowOptions.NamespaceMetadata)
            ?? FlowOptions.Get(options.GlobalOptions, FlowOptions.RootNamespaceProperty)
            ?? (string.IsNullOrWhiteSpace(assemblyName) ? null : assemblyName)
            ?? FlowOptions.FallbackNamespace;
        var projectDir = FlowOptions.Get(options.GlobalOptions, FlowOptions.ProjectDirProperty);
        var relativePath = projectDir is not null && file.Path.StartsWith(projectDir, StringComparison.OrdinalIgnoreCase)
            ? file.Path.Substring(projectDir.Length)
            : file.Path;
        return new FlowFile(file.Path, text, ns, FlowOptions.Get(fileOptions, FlowOptions.ClassNameMetadata), relativePath);
    }

    /// <summary>Compiles one file and locates its diagnostics; never throws.</summary>
    public static CompiledFile Compile(FlowFile file, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = FlowCompiler.Compile(file, cancellationToken);
        var locator = new FileSpanLocator(file.Path, file.Text);
        var diagnostics = result.Diagnostics
            .Select(d => new LocatedDiagnostic(
                d,
                locator.Locate(d.Span),
                d.RelatedLocations.Select(r => r.FilePath.Length == 0 ? locator.Locate(r.Span) : new FileSpan(r.FilePath, 0, 0, r.Span)).ToEquatableArray()))
            .ToEquatableArray();
        var processes = result.Processes
            .Select(p => new ProcessEntry(p.Key, p.ClassFullName, locator.Locate(p.Span))
            {
                Calls = p.Calls.Select(c => new CallEntry(c.Key, c.CallActivityId, locator.Locate(c.Span))).ToEquatableArray(),
            })
            .ToEquatableArray();
        return new CompiledFile(file.Path, result.Sources, diagnostics, processes);
    }

    /// <summary>
    /// Adds a file's sources, except classes another file owns: when two files generate one
    /// class (FLOW1013), only the first file's version is emitted, so that the user sees our
    /// error rather than a cascade of C# errors in generated code.
    /// </summary>
    public static void AddSources(SourceProductionContext context, string path, EquatableArray<GeneratedSource> sources, EquatableArray<ClaimedClass> claimed)
    {
        foreach (var source in sources)
        {
            if (claimed.Any(c => c.ClassFullName == source.ClassFullName && c.OwnerPath != path))
            {
                continue;
            }

            try
            {
                context.AddSource(source.HintName, source.Text);
            }
            catch (ArgumentException)
            {
                // Unreachable while hint names carry the file's path; kept because a repeated
                // hint name would otherwise crash the generator (CS8785).
            }
        }
    }
}
