using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// No preprocessor directive in a script or condition (FLOW3010, at the directive): it would act
/// on the generated file beyond the script. Such code is also left out of the generated class.
/// </summary>
internal static class DirectiveRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            if (node.Kind == FlowNodeKind.ScriptTask && node.Script is { } script && ExpressionLanguage.IsCSharp(script.Language)
                && PreprocessorDirectives.Find(script.Aligned) is { } found)
            {
                yield return Report(DiagnosticCatalog.DirectiveInCode, PreprocessorDirectives.Locate(script.Aligned, script.Span, found.Index, found.Length), "script", node.Id, script.Aligned.Substring(found.Index, found.Length));
            }
        }

        foreach (var flow in graph.Process.Flows)
        {
            if (flow.Condition is { } condition && ExpressionLanguage.IsSupportedConditionLanguage(condition.Language))
            {
                // Found, placed and quoted in the translated text: `empty x` widens its line, but a
                // directive starts a line of its own, whose line number and column the
                // translation keeps, so its place is the same as in the diagram.
                var translated = JuelTranslator.ToCSharp(condition.Aligned);
                if (PreprocessorDirectives.Find(translated) is { } found)
                {
                    yield return Report(DiagnosticCatalog.DirectiveInCode, PreprocessorDirectives.Locate(translated, condition.Span, found.Index, found.Length), "condition", flow.Id, translated.Substring(found.Index, found.Length));
                }
            }
        }
    }
}
