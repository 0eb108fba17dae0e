using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Conditions and scripts are in a language we compile: C# (JUEL-style conditions are
/// translated). Their C# errors come from the C# compiler, mapped into the .bpmn by #line.
/// </summary>
internal static class ExpressionRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var flow in graph.Process.Flows)
        {
            if (flow.Condition is not { } condition || condition.Text.Trim().Length == 0)
            {
                continue;
            }

            if (!ExpressionLanguage.IsSupportedConditionLanguage(condition.Language))
            {
                yield return Report(DiagnosticCatalog.UnsupportedConditionLanguage, condition.Span, flow.Id, condition.Language!);
            }
            else if (ExpressionLanguage.IsFeel(condition.Text))
            {
                yield return Report(DiagnosticCatalog.FeelCondition, condition.Span, flow.Id);
            }
        }

        foreach (var node in graph.Process.Nodes)
        {
            if (node.Kind != FlowNodeKind.ScriptTask)
            {
                continue;
            }

            if (node.ScriptResource is { } resource)
            {
                yield return Report(DiagnosticCatalog.ExternalScript, node.ScriptResourceSpan, node.Id, node.ScriptFormat ?? "(no scriptFormat)", resource);
            }
            else if (node.Script is not { } script || script.Text.Trim().Length == 0)
            {
                // A script in another language is unsupported whether or not it is written out.
                yield return node.ScriptFormat is { } format && !ExpressionLanguage.IsCSharp(format)
                    ? Report(DiagnosticCatalog.UnsupportedScriptLanguage, node.Span, node.Id, format)
                    : Report(DiagnosticCatalog.MissingScript, node.Span, node.Id);
            }
            else if (!ExpressionLanguage.IsCSharp(script.Language))
            {
                yield return Report(DiagnosticCatalog.UnsupportedScriptLanguage, node.Span, node.Id, script.Language ?? "(no scriptFormat)");
            }
        }
    }
}
