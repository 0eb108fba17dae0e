using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Loop and multi-instance characteristics the engine can run (FLOW1230–FLOW1237, FLOW3220):
/// a count, an element variable that is an identifier and hides no data member, a collection
/// whose element type is known, a standard loop that can end. What only C# can tell (an
/// expression's type) is a C# error at the expression in the .bpmn.
/// </summary>
internal static class LoopRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        foreach (var node in process.Nodes)
        {
            if (node.Loop == LoopKind.None || node.LoopDetails is not { } loop || !LoopShapes.IsSupportedBody(node))
            {
                continue;
            }

            if (node.Loop == LoopKind.Standard)
            {
                if (loop.LoopMaximum is { } maximum && LoopShapes.Maximum(maximum) is null)
                {
                    yield return Report(DiagnosticCatalog.BadLoopMaximum, node.LoopSpan, maximum, node.Id);
                }

                if (loop.LoopCondition is null && loop.LoopMaximum is null)
                {
                    yield return Report(DiagnosticCatalog.EndlessStandardLoop, node.LoopSpan, node.Id);
                }

                if (loop.OutputCollection is not null || loop.OutputElement is not null)
                {
                    yield return Report(DiagnosticCatalog.BadOutputCollection, loop.OutputCollectionSpan.IsNone ? node.LoopSpan : loop.OutputCollectionSpan, node.Id, "is a standard loop, which has no output collection");
                }

                continue;
            }

            foreach (var diagnostic in CheckMultiInstance(process, node, loop))
            {
                yield return diagnostic;
            }
        }
    }

    private static IEnumerable<FlowDiagnostic> CheckMultiInstance(ProcessModel process, FlowNode node, LoopDefinition loop)
    {
        if (loop.Cardinality is null && loop.Collection is null)
        {
            yield return Report(DiagnosticCatalog.MultiInstanceWithoutCount, node.LoopSpan, node.Id);
        }

        if (loop.Cardinality is { } cardinality && loop.Collection is null)
        {
            var text = LoopShapes.CSharp(cardinality).Trim();
            var member = LoopShapes.Member(process, cardinality);
            var why = member is { Type: { } type } && !LoopShapes.IsIntLike(type) ? "data member '" + member.Name + "' is a " + type
                : member is null && text.Length > 0 && char.IsDigit(text[0]) && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? "not a whole number in the range of int"
                : null;
            if (why is not null)
            {
                yield return Report(DiagnosticCatalog.CardinalityNotInt, cardinality.Span, Flow.Compiler.Expressions.JuelTranslator.ToCSharp(cardinality.Text).Trim(), node.Id, why);
            }
        }

        if (loop.Collection is { } collection && LoopShapes.Member(process, collection) is { Type: { } collectionType } collectionMember
            && loop.ElementType is null && LoopShapes.ElementTypeOf(collectionType) is null && LoopShapes.IsScalar(collectionType))
        {
            yield return Report(DiagnosticCatalog.CollectionNotACollection, collection.Span, collectionMember.Name, node.Id, collectionType);
        }
        else if (loop.Collection is { } typed && loop.ElementVariable is not null && LoopShapes.ElementType(process, loop) is null)
        {
            yield return Report(DiagnosticCatalog.ElementTypeUnknown, typed.Span, Flow.Compiler.Expressions.JuelTranslator.ToCSharp(typed.Text).Trim(), node.Id);
        }

        if (loop.ElementVariable is { } element)
        {
            if (!LoopShapes.IsValidElementVariable(element))
            {
                yield return Report(DiagnosticCatalog.InvalidElementVariable, loop.ElementVariableSpan, element, node.Id);
            }
            else if (process.DataType is null && process.Variables.Any(v => v.Name == element))
            {
                yield return Report(DiagnosticCatalog.ElementVariableClash, loop.ElementVariableSpan, element, node.Id);
            }
        }

        if ((loop.OutputCollection is null) != (loop.OutputElement is null))
        {
            var span = loop.OutputCollectionSpan.IsNone ? loop.OutputElement?.Span ?? node.LoopSpan : loop.OutputCollectionSpan;
            yield return Report(DiagnosticCatalog.BadOutputCollection, span, node.Id, loop.OutputCollection is null ? "has flow:outputElement but no flow:outputCollection" : "has flow:outputCollection but no flow:outputElement");
        }
        else if (loop.OutputCollection is { } output && process.DataType is null && !process.Variables.Any(v => v.Name == output))
        {
            yield return Report(DiagnosticCatalog.BadOutputCollection, loop.OutputCollectionSpan, node.Id, "gathers into '" + output + "', which is not a data member");
        }
    }
}
