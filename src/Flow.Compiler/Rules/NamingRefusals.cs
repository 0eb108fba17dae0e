using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;

namespace Flow.Compiler.Rules;

/// <summary>
/// Rule errors about a name the generated class cannot hold (a variable named like a member of
/// <c>Data</c>, an output named like a member of its result record, an input parameter that is no
/// identifier or is named like a local or member of the generated code): the process gets no class,
/// as when a <c>flow:handler</c> collides (FLOW1010). The class would not compile, and a C# error in
/// generated code would only repeat the FLOW error, far from the diagram line. Refused whatever
/// severity the project gives the id: the generated code would not compile either way.
/// </summary>
internal static class NamingRefusals
{
    private static readonly HashSet<string> Ids = new(System.StringComparer.Ordinal)
    {
        DiagnosticCatalog.VariableNameTakenByDataClass.Id,
        DiagnosticCatalog.OutputNameTakenByResultRecord.Id,
        DiagnosticCatalog.InvalidParameterName.Id,
    };

    /// <summary>Whether <paramref name="diagnostics"/> of one process leave it without a class.</summary>
    public static bool AnyIn(IEnumerable<FlowDiagnostic> diagnostics) => diagnostics.Any(d => Ids.Contains(d.Id));
}
