using Microsoft.CodeAnalysis;

namespace Flow.Benchmarks;

/// <summary>
/// The least an incremental generator with one output per diagram can do: it adds a one-line
/// source per BPMN file, named after the file, and reads nothing else. What a warm run of it
/// costs at N files is the Roslyn driver's own per-output bookkeeping (input tables, the
/// collection of every output's source, a new generated tree per output on every run), the
/// floor under <see cref="Flow.Generators.FlowGenerator"/>'s warm figures.
/// It is handed to the driver directly (<c>AsSourceGenerator</c>), so it carries no
/// <c>[Generator]</c> attribute: this project is not an analyzer.
/// </summary>
#pragma warning disable RS1036 // Not shipped as an analyzer; only the benchmarks' driver runs it.
internal sealed class FloorGenerator : IIncrementalGenerator
#pragma warning restore RS1036
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".bpmn", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (text, _) => System.IO.Path.GetFileNameWithoutExtension(text.Path));
        context.RegisterSourceOutput(names, static (spc, name) => spc.AddSource(name + ".g.cs", "// " + name + "\n"));
    }
}
