using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flow.Generators.Tests.Infrastructure;

/// <summary>One generator run over BPMN files, with the C# compilation it produced.</summary>
internal sealed class GeneratedCompilation
{
    private GeneratedCompilation(Compilation output, IReadOnlyList<Diagnostic> generatorDiagnostics, IReadOnlyList<SyntaxTree> generated)
    {
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Generated = generated;
    }

    public Compilation Output { get; }

    /// <summary>The FLOW diagnostics.</summary>
    public IReadOnlyList<Diagnostic> GeneratorDiagnostics { get; }

    public IReadOnlyList<SyntaxTree> Generated { get; }

    public static GeneratedCompilation Run(params (string Path, string Text)[] files) => Run(files, Array.Empty<string>());

    public static GeneratedCompilation Run(IEnumerable<(string Path, string Text)> files, IEnumerable<string> sources)
    {
        var compilation = DriverHarness.Compilation(sources.Prepend("namespace App { }").ToArray());
        var driver = DriverHarness.Driver(files.Select(f => new InMemoryAdditionalText(f.Path, f.Text)));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = output.SyntaxTrees.Where(t => !compilation.SyntaxTrees.Contains(t)).ToList();
        return new GeneratedCompilation(output, diagnostics, generated);
    }

    /// <summary>Every type declared anywhere in the compilation's own assembly, fully qualified (global::Ns.Outer.Inner).</summary>
    public IReadOnlyList<string> AssemblyTypes()
    {
        var names = new List<string>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(Output.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamedTypeSymbol type)
                {
                    names.Add(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                    pending.Push(type);
                }
                else if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
            }
        }

        return names;
    }

    /// <summary>Simple names of every type declared anywhere in the compilation's own assembly.</summary>
    public IReadOnlyList<string> AssemblyTypeNames() => AssemblyTypes().Select(t => t.Substring(t.LastIndexOf('.') + 1)).ToList();

    /// <summary>Names of the types declared in generated code.</summary>
    public IReadOnlyList<string> GeneratedTypeNames() =>
        Generated.SelectMany(t => t.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>()).Select(d => d.Identifier.ValueText).ToList();

    /// <summary>Every error of emitting the assembly.</summary>
    public IReadOnlyList<Diagnostic> EmitErrors()
    {
        using var stream = new MemoryStream();
        return Output.Emit(stream).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    /// <summary>Errors of emitting the assembly that are located in generated files (CS7013, name too long, is found only then).</summary>
    public IReadOnlyList<Diagnostic> EmitErrorsInGeneratedCode()
    {
        using var stream = new MemoryStream();
        return Output.Emit(stream).Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error
                && (d.Location.SourceTree is null || Generated.Contains(d.Location.SourceTree))
                && !d.Location.GetMappedLineSpan().Path.EndsWith(".bpmn", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Errors the C# compiler reports inside generated files (not mapped into a .bpmn).</summary>
    public IReadOnlyList<Diagnostic> ErrorsInGeneratedCode() =>
        Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                && (d.Location.SourceTree is null || Generated.Contains(d.Location.SourceTree))
                && !d.Location.GetMappedLineSpan().Path.EndsWith(".bpmn", StringComparison.Ordinal))
            .ToList();
}
