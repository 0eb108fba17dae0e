using System.Globalization;
using System.Linq;
using Flow.Compiler.Text;

namespace Flow.Compiler.Diagnostics;

/// <summary>
/// A diagnostic found in one BPMN file. Plain data (no Roslyn types) so that it can live in
/// incremental-generator pipeline models and be compared by value.
/// </summary>
public sealed record FlowDiagnostic(
    string Id,
    FlowSeverity Severity,
    SourceSpan Span,
    EquatableArray<string> Arguments,
    EquatableArray<RelatedLocation> RelatedLocations = default)
{
    public static FlowDiagnostic Create(FlowDiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments) =>
        new(descriptor.Id, descriptor.Severity, span, arguments.ToEquatableArray());

    public FlowDiagnosticDescriptor Descriptor => DiagnosticCatalog.Get(Id);

    public string Message =>
        string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat, Arguments.Cast<object>().ToArray());

    public FlowDiagnostic WithRelated(string filePath, SourceSpan span) =>
        this with { RelatedLocations = RelatedLocations.Append(new RelatedLocation(filePath, span)).ToEquatableArray() };

    public override string ToString() => $"{Span}: {Severity} {Id}: {Message}";
}

/// <summary>Another place a diagnostic is about (e.g. the first of two duplicate ids).</summary>
public readonly record struct RelatedLocation(string FilePath, SourceSpan Span);
