using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// <c>camunda:script</c> values of input/output parameters, wherever parameters are applied: C#
/// only (FLOW1273 names another language and what to write instead), inline (FLOW1274 for an
/// external resource), with a value (FLOW1275: empty, or statements without a <c>return</c>).
/// Each is reported at the script element.
/// </summary>
internal static class ScriptValueRules
{
    public static IEnumerable<FlowDiagnostic> Check(FlowNode node, InputOutputParameter parameter, string kind)
    {
        foreach (var script in Scripts(parameter.Value))
        {
            if (!ExpressionLanguage.IsCSharp(script.ScriptFormat))
            {
                var language = script.ScriptFormat is { Length: > 0 } format ? "in '" + format + "'" : "without a scriptFormat";
                yield return Report(DiagnosticCatalog.UnsupportedScriptValue, script.Span, kind, parameter.Name, node.Id, language);
            }
            else if (script.ScriptResource is { } resource)
            {
                yield return Report(DiagnosticCatalog.ScriptValueResource, script.Span, kind, parameter.Name, node.Id, resource);
            }
            else if (ScriptValues.ShapeOf(script) is ScriptShape.Empty or ScriptShape.NoReturn)
            {
                var why = ScriptValues.ShapeOf(script) == ScriptShape.Empty ? "is empty" : "has statements but no return";
                yield return Report(DiagnosticCatalog.ScriptValueWithoutValue, script.Span, kind, parameter.Name, node.Id, why);
            }
        }
    }

    private static IEnumerable<ParameterValue> Scripts(ParameterValue value) =>
        (value.Kind == ParameterValueKind.Script ? new[] { value } : Enumerable.Empty<ParameterValue>()).Concat(value.Items.SelectMany(Scripts));
}
