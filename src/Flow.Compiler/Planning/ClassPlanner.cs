using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>
/// Decides everything about a process's generated class: its name, the data type, one handler
/// per service-like task, a completion per wait state, conditions and scripts as C#, and the
/// straight-line body when there is one. Names that collide are FLOW1010.
/// </summary>
public static class ClassPlanner
{
    /// <summary>Names the generated class uses for its own members.</summary>
    private static readonly HashSet<string> Reserved = new(System.StringComparer.Ordinal)
    {
        "ProcessKey", "ProcessName", "SourceFile", "SourceHash", "DefinitionHash", "NodeIds", "Description", "Definition", "Data",
        "Instance", "StartAsync", "Resume", "ResumeFromJson", "DataType", "CreateInstance", "InvokeHandlerAsync",
        "EvaluateCondition", "RunScript", "HasStraightPath", "RunStraightAsync", "Graph",
    };

    private static readonly HashSet<FlowNodeKind> HandlerKinds = new()
    {
        FlowNodeKind.Task, FlowNodeKind.ServiceTask, FlowNodeKind.SendTask, FlowNodeKind.BusinessRuleTask,
    };

    private static readonly HashSet<FlowNodeKind> WaitKinds = new()
    {
        FlowNodeKind.UserTask, FlowNodeKind.ReceiveTask, FlowNodeKind.ManualTask,
    };

    public static ProcessClassPlan? Plan(ProcessModel process, string ns, string? className, string sourcePath, string sourceHash, List<FlowDiagnostic> diagnostics)
    {
        var type = className ?? CSharpNames.ProcessClass(process.Id, process.Name);
        if (Reserved.Contains(type))
        {
            type += "Process";
        }

        var names = new NameTable(diagnostics, type);
        var nodes = new List<NodePlan>();
        foreach (var node in process.Nodes)
        {
            var identifier = CSharpNames.Member(node.Id);
            if (names.NodeIds.Claim(identifier, node.Id, node.Span))
            {
                nodes.Add(new NodePlan(identifier, node.Id, node.Name, node.Kind, node.ScopeId)
                {
                    Event = node.EventDefinitions.Count == 1 ? node.EventDefinitions[0].Kind : null,
                    ErrorCode = node.ErrorCode,
                });
            }
        }

        var handlers = new List<HandlerPlan>();
        var handlerMethods = new HashSet<string>(System.StringComparer.Ordinal);
        var scripts = new List<ScriptPlan>();
        var waits = new List<WaitStatePlan>();
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            var node = process.Nodes[i];
            var label = CSharpNames.Type(node.Name ?? node.Id);
            if (HandlerKinds.Contains(node.Kind))
            {
                var method = node.Handler ?? label;
                if (node.Handler is not null && !CSharpNames.IsValidIdentifier(node.Handler))
                {
                    diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.InvalidHandlerName, node.Span, node.Handler, node.Id));
                    names.Fail();
                }
                else if (handlerMethods.Contains(method) || names.Members.Claim(method, node.Id, node.Span))
                {
                    // Tasks drawn with the same name (or flow:handler) share one handler method.
                    handlerMethods.Add(method);
                    handlers.Add(new HandlerPlan(i, node.Id, method, node.Span));
                }
            }
            else if (node.Kind == FlowNodeKind.ScriptTask && node.Script is { } script && ExpressionLanguage.IsCSharp(script.Language))
            {
                scripts.Add(new ScriptPlan(i, node.Id, "__Script_" + CSharpNames.Member(node.Id).TrimStart('@'), script.Aligned, script.Span));
            }
            else if (WaitKinds.Contains(node.Kind))
            {
                var method = "Complete" + label + "Async";
                var result = node.Outputs.Count > 0 ? label + "Result" : null;
                if (names.Members.Claim(method, node.Id, node.Span) && (result is null || names.Members.Claim(result, node.Id, node.Span)))
                {
                    waits.Add(new WaitStatePlan(node.Id, CSharpNames.Member(node.Id), method, result, node.Outputs));
                }
            }
        }

        var conditions = new List<ConditionPlan>();
        for (var f = 0; f < process.Flows.Count; f++)
        {
            var flow = process.Flows[f];
            if (flow.Condition is { } condition && condition.Text.Trim().Length > 0
                && ExpressionLanguage.IsSupportedConditionLanguage(condition.Language) && !ExpressionLanguage.IsFeel(condition.Text))
            {
                conditions.Add(new ConditionPlan(f, flow.Id, "__Condition_" + CSharpNames.Member(flow.Id).TrimStart('@'), JuelTranslator.ToCSharp(condition.Aligned), condition.Span));
            }
        }

        if (names.Collided)
        {
            return null;
        }

        var defaults = new HashSet<string>(process.Nodes.Where(n => n.DefaultFlowId is not null).Select(n => n.DefaultFlowId!), System.StringComparer.Ordinal);
        var flows = process.Flows
            .Select(f => new FlowPlan(f.Id, f.SourceRef, f.TargetRef, f.Condition?.Text, defaults.Contains(f.Id)))
            .ToEquatableArray();

        return new ProcessClassPlan(ns, type, process.Id, process.Name, System.IO.Path.GetFileName(sourcePath), sourcePath, sourceHash, DefinitionHash.Of(process), nodes.ToEquatableArray(), flows)
        {
            Data = DataPlanFor(process, ns),
            Handlers = handlers.ToEquatableArray(),
            Scripts = scripts.ToEquatableArray(),
            WaitStates = waits.ToEquatableArray(),
            Conditions = conditions.ToEquatableArray(),
            StraightLine = StraightLinePlanner.TryPlan(new ProcessGraph(process)),
        };
    }

    private static DataPlan DataPlanFor(ProcessModel process, string ns)
    {
        if (process.DataType is { } custom)
        {
            var dot = custom.LastIndexOf('.');
            return dot < 0 ? new DataPlan(ns, custom, default) : new DataPlan(custom.Substring(0, dot), custom.Substring(dot + 1), default);
        }

        var members = process.Variables
            .Where(v => v.Type is not null && CSharpNames.IsValidIdentifier(v.Name))
            .GroupBy(v => v.Name, System.StringComparer.Ordinal)
            .Select(g => g.First())
            .ToEquatableArray();
        return new DataPlan(null, null, members);
    }

    /// <summary>Claims identifiers, reporting the second of two that collide.</summary>
    private sealed class NameTable(List<FlowDiagnostic> diagnostics, string className)
    {
        private bool _failed;

        public Claims NodeIds { get; } = new(diagnostics, new HashSet<string>(System.StringComparer.Ordinal) { "NodeIds" });

        /// <summary>Members of the class: not its reserved names, nor the class's own name (CS0542).</summary>
        public Claims Members { get; } = new(diagnostics, new HashSet<string>(Reserved, System.StringComparer.Ordinal) { className });

        public bool Collided => _failed || NodeIds.Collided || Members.Collided;

        public void Fail() => _failed = true;
    }

    private sealed class Claims(List<FlowDiagnostic> diagnostics, HashSet<string> reserved)
    {
        private readonly Dictionary<string, string> _owners = new(System.StringComparer.Ordinal);

        public bool Collided { get; private set; }

        public bool Claim(string identifier, string ownerId, SourceSpan span)
        {
            if (reserved.Contains(identifier) || _owners.ContainsKey(identifier))
            {
                var other = _owners.TryGetValue(identifier, out var first) ? first : "a member the generated class already has";
                diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.IdentifierCollision, span, other, ownerId, identifier));
                Collided = true;
                return false;
            }

            _owners.Add(identifier, ownerId);
            return true;
        }
    }
}
