using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>A parameter with its C# name and type (an output's type is its process variable's; null for a custom data type, where the assignment types it).</summary>
public sealed record ParameterPlan(string Name, string? Type, ParameterValue Value, SourceSpan Span);

/// <summary>
/// An activity's applied input/output parameters: the generated class of its input locals
/// (<see cref="ClassName"/>, nested in the process class), the data-class methods that evaluate
/// the inputs when it starts and write the outputs when it ends, and for a task with a handler the
/// method that runs the three in order (<see cref="Runner"/>).
/// </summary>
public sealed record InputOutputPlan(int NodeIndex, string NodeId, string ClassName, string InputsMethod, string OutputsMethod, EquatableArray<ParameterPlan> Inputs, EquatableArray<ParameterPlan> Outputs)
{
    public string? Runner { get; init; }

    /// <summary>A wait state or call activity: its inputs are saved with the waiting token (JSON) and its outputs written at completion.</summary>
    public bool IsWaitState { get; init; }
}

/// <summary>Plans the applied <c>camunda:inputOutput</c> of a process (the rules have refused what cannot be built).</summary>
internal static class InputOutputPlanner
{
    public static List<InputOutputPlan> Plan(
        ProcessModel process,
        IReadOnlyDictionary<string, string> nodeIdentifiers,
        List<HandlerPlan> handlers,
        System.Func<string, string, string> claimMember,
        System.Func<string, string, string> claimExpression)
    {
        var variables = InputOutputTypes.Variables(process);
        var plans = new List<InputOutputPlan>();
        var classesByHandler = new Dictionary<string, string>(System.StringComparer.Ordinal);
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            var node = process.Nodes[i];
            if (node.InputOutput is not { } io || !InputOutputTypes.IsApplied(node))
            {
                continue;
            }

            var applied = io.Inputs.Where(p => Applied(p) && p.Name.Length > 0).GroupBy(p => p.Name).Select(g => g.First()).ToList();
            var inputs = applied.Zip(InputOutputTypes.InputTypes(applied, InputOutputTypes.Scope(process, node)), (p, type) => new ParameterPlan(Naming.CSharpNames.Escape(p.Name), type ?? "object", p.Value, p.Span))
                .ToEquatableArray();
            var outputs = io.Outputs.Where(p => Applied(p) && p.Name.Length > 0)
                .Select(p => new ParameterPlan(Naming.CSharpNames.Escape(p.Name), variables.TryGetValue(p.Name, out var t) ? t : p.DeclaredType is { } declared && Naming.CSharpNames.IsTypeText(declared) ? declared : null, p.Value, p.Span))
                .ToEquatableArray();
            var identifier = nodeIdentifiers[node.Id].TrimStart('@');
            var handlerIndex = handlers.FindIndex(h => h.NodeIndex == i);
            string className;
            if (handlerIndex >= 0 && handlers[handlerIndex].Binding is null)
            {
                var method = handlers[handlerIndex].MethodName.TrimStart('@');
                className = classesByHandler.TryGetValue(method, out var shared) ? shared : classesByHandler[method] = claimMember(InputsClassNames.Unlike(method + "Inputs", inputs), node.Id);
            }
            else
            {
                className = claimMember(InputsClassNames.Unlike(identifier + "Inputs", inputs), node.Id);
            }

            var plan = new InputOutputPlan(i, node.Id, className, claimExpression("__Inputs_" + identifier, node.Id), claimExpression("__Outputs_" + identifier, node.Id), inputs, outputs)
            {
                IsWaitState = InputOutputTypes.SavesInputs(node),
            };
            if (handlerIndex >= 0)
            {
                var runner = claimMember("__Run_" + identifier, node.Id);
                plan = plan with { Runner = runner };
                handlers[handlerIndex] = handlers[handlerIndex] with { Runner = runner };
            }

            plans.Add(plan);
        }

        return plans;
    }

    /// <summary>Unknown elements are left out (FLOW1206); composite text and scripts that cannot run are refused (FLOW1243, FLOW1273–FLOW1275).</summary>
    private static bool Applied(InputOutputParameter parameter) => !ScriptValues.IsLeftOut(parameter.Value);
}
