using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>
/// Decides the names of a process's generated class and members, reporting ids that do not
/// become distinct C# identifiers (FLOW1010).
/// </summary>
public static class ClassPlanner
{
    /// <summary>Names the generated class already uses for its own members.</summary>
    private static readonly HashSet<string> ReservedClassNames = new(System.StringComparer.Ordinal)
    {
        "ProcessKey", "ProcessName", "SourceFile", "SourceHash", "NodeIds", "Description",
    };

    public static ProcessClassPlan? Plan(ProcessModel process, string ns, string? className, string sourceFile, string sourceHash, List<FlowDiagnostic> diagnostics)
    {
        var type = className ?? CSharpNames.ProcessClass(process.Id, process.Name);
        if (ReservedClassNames.Contains(type))
        {
            type += "Process";
        }

        var identifiers = new Dictionary<string, FlowNode>(System.StringComparer.Ordinal);
        var nodes = new List<NodePlan>();
        var collided = false;
        foreach (var node in process.Nodes)
        {
            var identifier = CSharpNames.Member(node.Id);
            if (identifier == "NodeIds" || identifiers.TryGetValue(identifier, out _))
            {
                var other = identifiers.TryGetValue(identifier, out var first) ? first.Id : "the generated member NodeIds";
                diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.IdentifierCollision, node.Span, other, node.Id, identifier));
                collided = true;
                continue;
            }

            identifiers.Add(identifier, node);
            nodes.Add(new NodePlan(identifier, node.Id, node.Name, node.Kind, node.ScopeId));
        }

        if (collided)
        {
            return null;
        }

        var defaults = new HashSet<string>(process.Nodes.Where(n => n.DefaultFlowId is not null).Select(n => n.DefaultFlowId!), System.StringComparer.Ordinal);
        var flows = process.Flows
            .Select(f => new FlowPlan(f.Id, f.SourceRef, f.TargetRef, f.Condition?.Text, defaults.Contains(f.Id)))
            .ToEquatableArray();

        return new ProcessClassPlan(ns, type, process.Id, process.Name, sourceFile, sourceHash, nodes.ToEquatableArray(), flows);
    }
}
