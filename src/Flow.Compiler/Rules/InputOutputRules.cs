using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
using Flow.Compiler.Planning;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// <c>camunda:inputOutput</c>: applied on tasks (FLOW1206 says where it is not, and for script
/// values); input names are C# identifiers declared once and typed (FLOW1240, FLOW1242); outputs
/// write declared process variables (FLOW1241); lists and maps have collection types (FLOW1244);
/// composite text is refused (FLOW1243); tasks sharing a handler agree on their inputs (FLOW1245).
/// </summary>
internal static class InputOutputRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        var variables = InputOutputTypes.Variables(process);
        foreach (var node in process.Nodes.Where(n => n.InputOutput is not null))
        {
            var io = node.InputOutput!;
            if (InputOutputTypes.Disallowed(node) is { } kind)
            {
                yield return Report(DiagnosticCatalog.InputOutputNotAllowed, node.InputOutputSpan, node.Id, kind);
                continue;
            }

            if (InputOutputTypes.NotApplied(node) is { } where)
            {
                yield return Report(DiagnosticCatalog.InputOutputIgnored, node.InputOutputSpan, node.Id, "", where);
                continue;
            }

            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var scope = InputOutputTypes.Scope(process, node);
            foreach (var input in io.Inputs)
            {
                foreach (var diagnostic in CheckParameter(node, input, "input", variables))
                {
                    yield return diagnostic;
                }

                if (!CSharpNames.IsValidIdentifier(input.Name))
                {
                    yield return Report(DiagnosticCatalog.InvalidParameterName, input.Span, "input", input.Name, node.Id, "is not a C# identifier");
                }
                else if (!seen.Add(input.Name))
                {
                    yield return Report(DiagnosticCatalog.InvalidParameterName, input.Span, "input", input.Name, node.Id, "is declared twice");
                }
                else if (!InputOutputTypes.Contains(input.Value, ParameterValueKind.Script) && !InputOutputTypes.Contains(input.Value, ParameterValueKind.Composite))
                {
                    var type = InputOutputTypes.InputType(input, scope, out var why);
                    if (type is not null)
                    {
                        scope[input.Name] = type;
                    }

                    if (type is null)
                    {
                        yield return Report(DiagnosticCatalog.UntypedInputParameter, input.Span, input.Name, node.Id, why);
                    }
                    else if (!InputOutputTypes.CanBuild(input.Value, type))
                    {
                        yield return Report(DiagnosticCatalog.UnbuildableParameterValue, input.Span, "input", input.Name, node.Id, type);
                    }
                }
            }

            foreach (var output in io.Outputs)
            {
                foreach (var diagnostic in CheckParameter(node, output, "output", variables))
                {
                    yield return diagnostic;
                }

                if (process.DataType is not null)
                {
                    if (!CSharpNames.IsValidIdentifier(output.Name))
                    {
                        yield return Report(DiagnosticCatalog.InvalidParameterName, output.Span, "output", output.Name, node.Id, "is not a C# identifier");
                    }

                    continue;   // a member of the user's data type: the C# compiler checks it
                }

                if (!variables.TryGetValue(output.Name, out var target))
                {
                    yield return Report(DiagnosticCatalog.UnknownOutputTarget, output.Span, output.Name, node.Id);
                }
                else if (!InputOutputTypes.Contains(output.Value, ParameterValueKind.Script) && !InputOutputTypes.Contains(output.Value, ParameterValueKind.Composite)
                    && !InputOutputTypes.CanBuild(output.Value, target))
                {
                    yield return Report(DiagnosticCatalog.UnbuildableParameterValue, output.Span, "output", output.Name, node.Id, target);
                }
            }
        }

        foreach (var diagnostic in SharedHandlers(process))
        {
            yield return diagnostic;
        }
    }

    private static IEnumerable<FlowDiagnostic> CheckParameter(FlowNode node, InputOutputParameter parameter, string kind, IReadOnlyDictionary<string, string> variables)
    {
        if (Find(parameter.Value, ParameterValueKind.Script) is { } script)
        {
            yield return Report(DiagnosticCatalog.InputOutputIgnored, script.Span, node.Id, "('" + parameter.Name + "')",
                "a camunda:script" + (script.ScriptFormat is { Length: > 0 } format ? " in '" + format + "'" : "") + " as the value of " + kind + " parameter '" + parameter.Name + "' (the parameter is left out)");
        }

        if (Find(parameter.Value, ParameterValueKind.Composite) is { } composite)
        {
            yield return Report(DiagnosticCatalog.CompositeParameterValue, composite.Span, parameter.Name, node.Id);
        }
    }

    private static ParameterValue? Find(ParameterValue value, ParameterValueKind kind) =>
        value.Kind == kind ? value : value.Items.Select(i => Find(i, kind)).FirstOrDefault(v => v is not null);

    /// <summary>The input signature of tasks that run the same handler method must agree (one inputs type per method).</summary>
    private static IEnumerable<FlowDiagnostic> SharedHandlers(ProcessModel process)
    {
        var handled = process.Nodes.Where(n => n.Kind is FlowNodeKind.Task or FlowNodeKind.ServiceTask or FlowNodeKind.SendTask or FlowNodeKind.BusinessRuleTask && n.Handler is { Length: > 0 });
        foreach (var group in handled.GroupBy(n => n.Handler!).Where(g => g.Count() > 1))
        {
            var first = group.First();
            var signature = Signature(process, first);
            foreach (var other in group.Skip(1).Where(o => Signature(process, o) != signature))
            {
                yield return Report(DiagnosticCatalog.SharedHandlerInputs, other.InputOutputSpan.IsNone ? other.Span : other.InputOutputSpan, other.Id, first.Handler!, first.Id);
            }
        }
    }

    internal static string Signature(ProcessModel process, FlowNode node) =>
        node.InputOutput is not { } io || !InputOutputTypes.IsApplied(node) ? ""
        : string.Join(";", io.Inputs.Zip(InputOutputTypes.InputTypes(io.Inputs, InputOutputTypes.Scope(process, node)), (i, t) => i.Name + ":" + t));
}
