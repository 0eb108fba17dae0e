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
        return new FlowFile(file.Path, text, ns, FlowOptions.Get(fileOptions, FlowOptions.ClassNameMetadata));
    }

    /// <summary>Compiles one file and locates its diagnostics; never throws.</summary>
    public static CompiledFile Compile(FlowFile file, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = FlowCompiler.Compile(file);
        var locator = new FileSpanLocator(file.Path, file.Text);
        var diagnostics = result.Diagnostics
            .Select(d => new LocatedDiagnostic(
                d,
                locator.Locate(d.Span),
                d.RelatedLocations.Select(r => r.FilePath.Length == 0 ? locator.Locate(r.Span) : new FileSpan(r.FilePath, 0, 0, r.Span)).ToEquatableArray()))
            .ToEquatableArray();
        var processes = result.Processes
            .Select(p => new ProcessEntry(p.Key, p.ClassFullName, locator.Locate(p.Span)))
            .ToEquatableArray();
        return new CompiledFile(result.Sources, diagnostics, processes);
    }

    public static void AddSources(SourceProductionContext context, EquatableArray<GeneratedSource> sources)
    {
        foreach (var source in sources)
        {
            try
            {
                context.AddSource(source.HintName, source.Text);
            }
            catch (ArgumentException)
            {
                // Same hint name from another file: two files generate one class, which the
                // cross-file check reports as FLOW1013. Adding it twice would crash the generator.
            }
        }
    }
}
