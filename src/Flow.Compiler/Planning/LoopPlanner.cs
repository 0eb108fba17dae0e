using System;
using System.Collections.Generic;
using Flow.Compiler.Expressions;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>Plans the generated expressions of loop and multi-instance activities (the rules have reported what is wrong; it is left out here).</summary>
internal static class LoopPlanner
{
    public static EquatableArray<LoopPlan> Plan(ProcessModel process, Dictionary<string, string> nodeIdentifiers, Func<string, string, string> claim)
    {
        var plans = new List<LoopPlan>();
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            var node = process.Nodes[i];
            if (node.Loop == LoopKind.None || node.LoopDetails is not { } loop || !LoopShapes.IsSupportedBody(node))
            {
                continue;
            }

            var name = nodeIdentifiers[node.Id].TrimStart('@');
            LoopExpressionPlan? Method(string prefix, Expression? expression)
            {
                if (expression is null || expression.Text.Trim().Length == 0)
                {
                    return null;
                }

                var code = LoopShapes.CSharp(expression);
                return PreprocessorDirectives.Find(code) is null ? new LoopExpressionPlan(claim(prefix + name, node.Id), code, expression.Span) : null;
            }

            var elementType = loop.Collection is not null && loop.ElementVariable is { } variable && CSharpNames.IsValidIdentifier(variable)
                ? LoopShapes.ElementType(process, loop)
                : null;
            var multi = node.Loop != LoopKind.Standard;
            plans.Add(new LoopPlan(i, node.Id, node.Loop)
            {
                Instances = multi ? Method("__Instances_", loop.Collection ?? loop.Cardinality) : null,
                FromCollection = loop.Collection is not null,
                Element = multi && elementType is not null ? Method("__Element_", loop.Collection) : null,
                ElementType = multi ? elementType : null,
                ElementVariable = multi && elementType is not null ? CSharpNames.Escape(loop.ElementVariable!) : null,
                Completion = multi ? Method("__Completion_", loop.CompletionCondition) : null,
                Condition = multi ? null : Method("__LoopCondition_", loop.LoopCondition),
                Output = multi && loop.OutputCollection is not null && CSharpNames.IsValidIdentifier(loop.OutputCollection) ? Method("__Output_", loop.OutputElement) : null,
                OutputCollection = multi && loop.OutputCollection is { } output && CSharpNames.IsValidIdentifier(output) ? CSharpNames.Escape(output) : null,
            });
        }

        return plans.ToEquatableArray();
    }
}
