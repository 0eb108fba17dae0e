using System.Collections.Generic;
using System.Globalization;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Jobs;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Asynchronous continuations: a retry cycle the runtime can use (FLOW1270), a whole-number job
/// priority (FLOW1272); either given as an expression is not evaluated (FLOW1271, a warning:
/// Camunda's diagrams use expressions and must still compile).
/// </summary>
internal static class AsyncRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            if (node.Async is not { } settings)
            {
                continue;
            }

            if (settings.RetryCycle is { } cycle)
            {
                if (IsExpression(cycle))
                {
                    yield return Report(DiagnosticCatalog.AsyncSettingExpression, settings.RetryCycleSpan, "failedJobRetryTimeCycle", cycle, node.Id, "the default of 3 attempts applies");
                }
                else if (!RetryCycleSyntax.TryParse(cycle, out _, out _, out var error))
                {
                    yield return Report(DiagnosticCatalog.BadRetryCycle, settings.RetryCycleSpan, cycle, node.Id, error);
                }
            }

            if (settings.Priority is { } priority)
            {
                if (IsExpression(priority))
                {
                    yield return Report(DiagnosticCatalog.AsyncSettingExpression, settings.PrioritySpan, "jobPriority", priority, node.Id, "priority 0 applies");
                }
                else if (!int.TryParse(priority, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    yield return Report(DiagnosticCatalog.BadJobPriority, settings.PrioritySpan, priority, node.Id);
                }
            }
        }
    }

    /// <summary>A JUEL expression, as Camunda writes one: <c>${…}</c> or <c>#{…}</c>.</summary>
    internal static bool IsExpression(string text) => text.StartsWith("${", System.StringComparison.Ordinal) || text.StartsWith("#{", System.StringComparison.Ordinal);
}
