using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Timers;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Timers have one time (timeDuration, timeDate or timeCycle): an ISO 8601 literal that the
/// runtime can schedule (FLOW3120, FLOW3121 at the text), or a C# expression over the data
/// (not on a start event, which fires before any data exists: FLOW1152).
/// </summary>
internal static class TimerRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes.Where(n => n.EventDefinitions.Count == 1 && n.HasDefinition(EventDefinitionKind.Timer)))
        {
            var definition = node.EventDefinitions[0];
            var values = definition.TimerValues;
            if (values.Count == 0 || values.All(v => v.Value.Text.Trim().Length == 0))
            {
                yield return Report(DiagnosticCatalog.TimerWithoutTime, definition.Span, node.Id);
                continue;
            }

            if (values.Count > 1)
            {
                yield return Report(DiagnosticCatalog.TimerWithSeveralTimes, values[1].ElementSpan, node.Id, values[0].ElementName, values[1].ElementName);
                continue;
            }

            var value = values[0];
            var text = value.Value.Text.Trim();
            if (ExpressionLanguage.IsFeel(text))
            {
                yield return Report(DiagnosticCatalog.FeelTimer, value.Value.Span, value.ElementName, node.Id);
            }
            else if (TimerExpressions.IsExpression(text))
            {
                if (node.Kind == FlowNodeKind.StartEvent)
                {
                    yield return Report(DiagnosticCatalog.TimerStartExpression, value.Value.Span, node.Id);
                }
                else if (PreprocessorDirectives.Find(TimerExpressions.ToCSharp(value)) is { } found)
                {
                    var translated = TimerExpressions.ToCSharp(value);
                    yield return Report(DiagnosticCatalog.DirectiveInCode, PreprocessorDirectives.Locate(translated, value.Value.Span, found.Index, found.Length), value.ElementName, node.Id, translated.Substring(found.Index, found.Length));
                }
            }
            else if (LiteralProblem(value.Kind, text) is { } problem)
            {
                yield return problem.NeverFires
                    ? Report(DiagnosticCatalog.TimerNeverFires, value.Value.Span, node.Id, problem.Message)
                    : Report(DiagnosticCatalog.InvalidTimerLiteral, value.Value.Span, value.ElementName, node.Id, problem.Message);
            }
        }
    }

    /// <summary>Why a literal cannot be scheduled, if it cannot; NeverFires for a cycle of zero repetitions or a zero period.</summary>
    private static (string Message, bool NeverFires)? LiteralProblem(TimerDefinitionKind kind, string text)
    {
        switch (kind)
        {
            case TimerDefinitionKind.Duration:
                return TimerSyntax.TryParseDuration(text, out _, out var error) ? null : (error, false);
            case TimerDefinitionKind.Date:
                return TimerSyntax.TryParseDate(text, out _, out error) ? null : (error, false);
            default:
                return TimerSyntax.TryParseCycle(text, out _, out error, out var neverFires) ? null : (error, neverFires);
        }
    }
}
