using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Naming;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Process variables become properties of the generated <c>Data</c> class: a variable named like that
/// class (CS0542) or like a member every class inherits from <see cref="object"/> (CS0108/CS0114,
/// errors under TreatWarningsAsErrors) would fail the user's C# build far from its cause (FLOW1316).
/// (EditorBrowsableState was one while the generated file read it through an alias; it names every
/// framework type with global:: now.)
/// The generated condition and script methods of the class start with "__" and step around the
/// variables, so they need no check here. C# compares names case-sensitively: "data" or "toString"
/// are fine.
/// </summary>
internal static class DataMemberNameRules
{
    /// <summary>The names a property of the generated data class cannot have, and what each one is.</summary>
    private static readonly Dictionary<string, string> Taken = new(System.StringComparer.Ordinal)
    {
        ["Data"] = "the generated data class 'Data' itself (C# error CS0542: a member cannot have the name of its class)",
        ["ToString"] = "the method object.ToString() every class has (C# warning CS0108: the property would hide it)",
        ["Equals"] = "the method object.Equals(object) every class has (C# warning CS0108: the property would hide it)",
        ["GetHashCode"] = "the method object.GetHashCode() every class has (C# warning CS0108: the property would hide it)",
        ["GetType"] = "the method object.GetType() every class has (C# warning CS0108: the property would hide it)",
        ["MemberwiseClone"] = "the method object.MemberwiseClone() every class has (C# warning CS0108: the property would hide it)",
        ["Finalize"] = "the method object.Finalize() every class has (C# warning CS0108: the property would hide it)",
        ["ReferenceEquals"] = "the method object.ReferenceEquals(object, object) every class has (C# warning CS0108: the property would hide it)",
    };

    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        if (process.DataType is not null)
        {
            yield break;   // the variables are ignored (FLOW3006): the members are the user's own
        }

        foreach (var variable in process.Variables)
        {
            // A name that is no identifier is FLOW3004 already.
            if (CSharpNames.IsValidIdentifier(variable.Name) && Taken.TryGetValue(variable.Name, out var what))
            {
                yield return Report(DiagnosticCatalog.VariableNameTakenByDataClass, variable.Span, variable.Name, what);
            }
        }
    }
}
