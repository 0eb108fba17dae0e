using System.Collections.Generic;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// No preprocessor directive in the other C# a diagram carries (FLOW3010, at the directive):
/// input/output parameter values, correlation keys, event conditions, loop expressions and a
/// call activity's source expressions. Each is pasted into the generated class under #line, so
/// a <c>#line hidden</c> would take the code after it out of the diagram's mapping (out of the
/// reach of content's denied-API check) and an unterminated <c>#if</c> would silently drop it.
/// </summary>
internal static class ExpressionDirectiveRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        foreach (var node in graph.Process.Nodes)
        {
            foreach (var (what, expression) in Expressions(node))
            {
                var translated = JuelTranslator.ToCSharp(expression.Aligned);
                if (PreprocessorDirectives.Find(translated) is { } found)
                {
                    yield return Report(DiagnosticCatalog.DirectiveInCode, PreprocessorDirectives.Locate(translated, expression.Span, found.Index, found.Length), what, node.Id, translated.Substring(found.Index, found.Length));
                }
            }
        }
    }

    private static IEnumerable<(string What, Expression Expression)> Expressions(FlowNode node)
    {
        if (node.CorrelationKey is { } key)
        {
            yield return ("correlation key", key);
        }

        foreach (var definition in node.EventDefinitions)
        {
            if (definition.Condition is { } condition)
            {
                yield return ("condition", condition);
            }
        }

        if (node.LoopDetails is { } loop)
        {
            foreach (var (what, expression) in new[] { ("loopCardinality", loop.Cardinality), ("collection", loop.Collection), ("completionCondition", loop.CompletionCondition), ("loopCondition", loop.LoopCondition), ("outputElement", loop.OutputElement) })
            {
                if (expression is not null)
                {
                    yield return (what, expression);
                }
            }
        }

        if (node.Call is { } call)
        {
            foreach (var mapping in System.Linq.Enumerable.Concat(call.Inputs, call.Outputs))
            {
                if (mapping.SourceExpression is { } source)
                {
                    yield return ("sourceExpression", source);
                }
            }
        }

        if (node.InputOutput is { } io)
        {
            foreach (var (kind, parameters) in new[] { ("input parameter", io.Inputs), ("output parameter", io.Outputs) })
            {
                foreach (var parameter in parameters)
                {
                    foreach (var value in Values(parameter.Value))
                    {
                        yield return (kind + " '" + parameter.Name + "'", value);
                    }
                }
            }
        }
    }

    /// <summary>The expressions of a parameter value, through its lists and maps.</summary>
    private static IEnumerable<Expression> Values(ParameterValue value)
    {
        if (value.Kind is ParameterValueKind.Expression or ParameterValueKind.Composite && value.Value is { } expression)
        {
            yield return expression;
        }

        foreach (var item in value.Items)
        {
            foreach (var inner in Values(item))
            {
                yield return inner;
            }
        }
    }
}
