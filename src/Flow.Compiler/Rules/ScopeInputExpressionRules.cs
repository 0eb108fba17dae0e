using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Timer expressions, conditional event conditions and loop expressions (multi-instance collection,
/// loopCardinality, completionCondition, flow:outputElement; a standard loop's loopCondition) are evaluated
/// over the process data only: they do not see the inputs of the sub-processes around their
/// element. Camunda reads the scope's local there, so an expression that names such an input
/// would read the process variable of that name (a silently wrong value) or not compile in
/// generated code: FLOW1247 at the expression.
/// </summary>
internal static class ScopeInputExpressionRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        foreach (var node in process.Nodes)
        {
            var inputs = InputOutputTypes.EnclosingScopeInputNames(process, node);
            if (inputs.Count == 0)
            {
                continue;
            }

            foreach (var definition in node.EventDefinitions)
            {
                foreach (var timer in definition.TimerValues)
                {
                    if (TimerExpressions.IsExpression(timer.Value.Text) && Named(timer.Value, inputs) is { } name)
                    {
                        yield return Report(DiagnosticCatalog.ExpressionMissesScopeInput, timer.Value.Span, "timer expression (" + timer.ElementName + ")", node.Id, name);
                    }
                }

                if (definition.Condition is { } condition && Named(condition, inputs) is { } conditionName)
                {
                    yield return Report(DiagnosticCatalog.ExpressionMissesScopeInput, condition.Span, "condition", node.Id, conditionName);
                }
            }

            if (node.LoopDetails is { } loop)
            {
                // The loop's own variables hide an outer input of their name in its expressions.
                inputs.ExceptWith(new[] { "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances" });
                if (loop.ElementVariable is { } element)
                {
                    inputs.Remove(element);
                }

                foreach (var (expression, what) in new[] { (loop.Collection, "collection"), (loop.Cardinality, "loopCardinality"), (loop.CompletionCondition, "completionCondition"), (loop.LoopCondition, "loopCondition"), (loop.OutputElement, "flow:outputElement") })
                {
                    if (expression is not null && Named(expression, inputs) is { } name)
                    {
                        yield return Report(DiagnosticCatalog.ExpressionMissesScopeInput, expression.Span, what, node.Id, name);
                    }
                }
            }
        }
    }

    private static string? Named(Expression expression, HashSet<string> inputs)
    {
        foreach (var identifier in ExpressionIdentifiers.Read(expression.Text))
        {
            if (inputs.Contains(identifier))
            {
                return identifier;
            }
        }

        return null;
    }
}
