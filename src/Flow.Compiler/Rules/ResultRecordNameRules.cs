using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Naming;
using Flow.Compiler.Planning;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// The flow:outputs of a user, receive or manual task become the positional parameters of a generated
/// record (e.g. ApproveResult): a parameter named like a member C# synthesizes for every record is
/// C# error CS0102 in the generated code (FLOW1318). The other names a record cannot take (ToString,
/// Equals, …) are FLOW1316 on the variable the output writes.
/// </summary>
internal static class ResultRecordNameRules
{
    private static readonly HashSet<string> RecordMembers = new(System.StringComparer.Ordinal)
    {
        "EqualityContract", "PrintMembers", "Deconstruct",
    };

    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes.Where(InputOutputTypes.IsWaitState))
        {
            foreach (var output in node.Outputs)
            {
                if (CSharpNames.IsValidIdentifier(output.Name) && RecordMembers.Contains(output.Name))
                {
                    yield return Report(DiagnosticCatalog.OutputNameTakenByResultRecord, output.Span, output.Name, node.Id);
                }
            }
        }
    }
}
