using System.Linq;
using Flow.Compiler.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flow.Generators;

/// <summary>Turns located compiler diagnostics into Roslyn diagnostics pointing into .bpmn files.</summary>
internal static class DiagnosticReporter
{
    public static void Report(SourceProductionContext context, EquatableArray<LocatedDiagnostic> diagnostics)
    {
        foreach (var located in diagnostics)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                FlowDiagnosticDescriptors.Get(located.Diagnostic.Id),
                ToLocation(located.Location),
                located.Related.Select(ToLocation),
                located.Diagnostic.Arguments.Cast<object>().ToArray()));
        }
    }

    public static Location ToLocation(FileSpan span)
    {
        var lines = span.Lines;
        var start = new LinePosition(lines.StartLine - 1, lines.StartColumn - 1);
        var end = new LinePosition(lines.EndLine - 1, lines.EndColumn - 1);
        return Location.Create(span.Path, new TextSpan(span.Start, span.Length), new LinePositionSpan(start, end));
    }
}
