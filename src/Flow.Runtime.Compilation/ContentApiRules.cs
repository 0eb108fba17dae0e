using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flow.Compilation;

/// <summary>
/// What the code written in a diagram (conditions, scripts, timer and correlation expressions,
/// variable types) may not name, although the core library holds it: files, processes, the
/// network, reflection and loading, native interop, the environment and the process itself.
/// Checked on every name the C# compiler binds inside the diagram's text (FLOW6252 at its line
/// and column); the generated plumbing around it is the compiler's own and not checked.
/// </summary>
public static class ContentApiRules
{
    /// <summary>Namespaces (and their sub-namespaces) a diagram's code may not use.</summary>
    public static readonly IReadOnlyList<string> DeniedNamespaces = new[]
    {
        "System.IO", "System.Reflection", "System.Runtime.InteropServices", "System.Runtime.Loader",
        "System.Diagnostics", "System.Net", "System.Security", "System.Resources", "Microsoft.Win32",
        "System.Threading",
    };

    /// <summary>Namespaces under a denied one that stay allowed (async code and cancellation).</summary>
    public static readonly IReadOnlyList<string> AllowedNamespaces = new[] { "System.Threading.Tasks" };

    /// <summary>Types a diagram's code may not use.</summary>
    public static readonly IReadOnlyList<string> DeniedTypes = new[]
    {
        "System.Environment", "System.AppDomain", "System.AppContext", "System.Activator", "System.Type", "System.GC",
        "System.Console", "System.Runtime.CompilerServices.Unsafe", "System.Runtime.CompilerServices.RuntimeHelpers",
        "System.Delegate", "System.MulticastDelegate",
    };

    internal static IEnumerable<(string Name, FileLinePositionSpan Where)> Violations(Microsoft.CodeAnalysis.Compilation compilation, string bpmnPath)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var where = node.GetLocation().GetMappedLineSpan();
                if (!where.HasMappedPath || where.Path != bpmnPath)
                {
                    continue;
                }

                model ??= compilation.GetSemanticModel(tree);
                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (symbol is not null && Denied(symbol) is { } name)
                {
                    yield return (name, where);
                }
            }
        }
    }

    private static string? Denied(ISymbol symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        for (var t = type; t is not null; t = t.ContainingType)
        {
            var full = t.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
            if (DeniedTypes.Contains(full, StringComparer.Ordinal))
            {
                return full;
            }
        }

        var ns = (symbol as INamespaceSymbol ?? type?.ContainingNamespace ?? symbol.ContainingNamespace)?.ToDisplayString() ?? "";
        if (AllowedNamespaces.Any(a => ns == a || ns.StartsWith(a + ".", StringComparison.Ordinal)))
        {
            return null;
        }

        return DeniedNamespaces.FirstOrDefault(d => ns == d || ns.StartsWith(d + ".", StringComparison.Ordinal)) is { } denied
            ? (symbol is INamespaceSymbol ? ns : type?.ToDisplayString() ?? ns) + " (namespace " + denied + ")"
            : null;
    }
}
