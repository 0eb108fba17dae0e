using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
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

    private static readonly HashSet<FlowNodeKind> WaitKinds = new()
    {
        FlowNodeKind.UserTask, FlowNodeKind.ReceiveTask, FlowNodeKind.ManualTask,
    };

    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes.Where(n => WaitKinds.Contains(n.Kind)))
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
