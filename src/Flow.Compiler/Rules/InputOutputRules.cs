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
/// <c>camunda:inputOutput</c>: applied on tasks (FLOW1206 says where it is not); script values
/// are C# (FLOW1273–FLOW1275, <see cref="ScriptValueRules"/>); input names are C# identifiers declared once and typed (FLOW1240, FLOW1242); outputs
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
                else if (ReservedBy(node, input.Name) is { } reason)
                {
                    yield return Report(DiagnosticCatalog.InvalidParameterName, input.Span, "input", input.Name, node.Id, reason);
                }
                else if (!seen.Add(input.Name))
                {
                    yield return Report(DiagnosticCatalog.InvalidParameterName, input.Span, "input", input.Name, node.Id, "is declared twice");
                }
                else if (!ScriptValues.IsLeftOut(input.Value))
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
                else if (!ScriptValues.IsLeftOut(output.Value) && !InputOutputTypes.CanBuild(output.Value, target))
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


    /// <summary>
    /// Why an input may not have this name: the generated methods that evaluate inputs, run a
    /// script with them and write outputs declare it already (their own locals start with "__", a
    /// script's parameter is <c>context</c>, a loop's variables are locals there too); the C#
    /// error would otherwise be reported in generated code, not at the parameter.
    /// </summary>
    private static string? ReservedBy(FlowNode node, string name) =>
        name.StartsWith("__", System.StringComparison.Ordinal) ? "starts with '__', which the generated code keeps for its own names"
        : name == "context" && node.Kind == FlowNodeKind.ScriptTask ? "is the name of the script's context"
        : node.LoopDetails is { } loop && (System.Array.IndexOf(LoopShapes.LoopVariables, name) >= 0 || name == loop.ElementVariable) ? "is a variable of the activity's loop"
        : InputsClassNames.HidesObjectMember(name) ? "is the name of the method object." + name + "() every class has, which the input's property in the generated inputs class would hide (C# warning CS0108)"
        : null;

    private static IEnumerable<FlowDiagnostic> CheckParameter(FlowNode node, InputOutputParameter parameter, string kind, IReadOnlyDictionary<string, string> variables)
    {
        if (Find(parameter.Value, ParameterValueKind.Unknown) is { } unknown)
        {
            yield return Report(DiagnosticCatalog.InputOutputIgnored, unknown.Span, node.Id, "('" + parameter.Name + "')",
                "an element '" + unknown.ScriptFormat + "' as the value of " + kind + " parameter '" + parameter.Name + "' (the parameter is left out)");
        }

        foreach (var diagnostic in ScriptValueRules.Check(node, parameter, kind))
        {
            yield return diagnostic;
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
