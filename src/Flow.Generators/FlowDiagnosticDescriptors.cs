using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Flow.Generators;

/// <summary>Roslyn descriptors for the compiler's catalog, made once.</summary>
public static class FlowDiagnosticDescriptors
{
    public const string Category = "Flow";

    private static readonly Dictionary<string, DiagnosticDescriptor> ById =
        DiagnosticCatalog.All.ToDictionary(d => d.Id, ToRoslyn);

    public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor ToRoslyn(FlowDiagnosticDescriptor d) => new(
        d.Id,
        d.Title,
        d.MessageFormat,
        Category,
        d.Severity switch
        {
            FlowSeverity.Error => DiagnosticSeverity.Error,
            FlowSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        },
        isEnabledByDefault: true,
        description: d.HelpText,
        helpLinkUri: d.HelpLink);
}
