using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>Process variables and wait-state outputs are well formed and declared once.</summary>
internal static class DataRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        if (process.DataType is { } dataType)
        {
            foreach (var variable in process.Variables)
            {
                yield return Report(DiagnosticCatalog.VariablesWithDataType, variable.Span, dataType, variable.Name);
            }
        }
        else
        {
            foreach (var diagnostic in CheckDeclarations(process.Variables))
            {
                yield return diagnostic;
            }
        }

        foreach (var node in process.Nodes.Where(n => n.Outputs.Count > 0))
        {
            foreach (var diagnostic in CheckDeclarations(node.Outputs))
            {
                yield return diagnostic;
            }
        }
    }

    private static IEnumerable<FlowDiagnostic> CheckDeclarations(IEnumerable<VariableDeclaration> declarations)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var variable in declarations)
        {
            var problem = !CSharpNames.IsValidIdentifier(variable.Name) ? "does not have a name that is a C# identifier"
                : variable.Type is null ? "has no type"
                : !CSharpNames.IsTypeText(variable.Type) ? "has a type that is not a C# type name"
                : null;
            if (problem is not null)
            {
                yield return Report(DiagnosticCatalog.InvalidVariable, variable.Span, variable.Name, problem);
            }
            else if (!seen.Add(variable.Name))
            {
                yield return Report(DiagnosticCatalog.DuplicateVariable, variable.Span, variable.Name);
            }
        }
    }
}
