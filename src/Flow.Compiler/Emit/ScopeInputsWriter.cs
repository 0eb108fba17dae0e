using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// The input parameters of the sub-processes around a node, as locals of the generated methods
/// of its conditions, scripts and parameters (Camunda: a scope's inputs are local variables
/// visible to everything inside it, hiding process variables of their names; an inner scope's
/// hide an outer one's). The token engine saves each scope's inputs with the token waiting at
/// the sub-process and hands them down in the <c>LoopInfo</c> of the nodes inside.
/// </summary>
internal static class ScopeInputsWriter
{
    private static readonly string[] LoopNames = { "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances" };

    /// <summary>The sub-processes with input parameters around the node with id <paramref name="scopeId"/>'s scope, innermost first.</summary>
    public static List<InputOutputPlan> Around(ProcessClassPlan plan, string? scopeId)
    {
        var scopes = new List<InputOutputPlan>();
        if (plan.InputOutputs.Count == 0)
        {
            return scopes;   // the common case: no walk
        }

        for (var id = scopeId; !string.IsNullOrEmpty(id);)
        {
            var index = IndexOf(plan, id!);
            if (index < 0)
            {
                break;
            }

            if (InputOutputWriter.For(plan, index) is { Inputs.Count: > 0, IsWaitState: true } io && IsScope(plan, index))
            {
                scopes.Add(io);
            }

            id = plan.Nodes[index].ScopeId;
        }

        return scopes;
    }

    /// <summary>Whether code of the node at <paramref name="nodeIndex"/> sees scope inputs.</summary>
    public static bool Any(ProcessClassPlan plan, int nodeIndex) => Around(plan, TriggerScopes.ScopeAround(plan, nodeIndex)).Count > 0;

    private static bool IsScope(ProcessClassPlan plan, int index) =>
        plan.Nodes[index].Kind is Flow.Compiler.Model.FlowNodeKind.SubProcess or Flow.Compiler.Model.FlowNodeKind.Transaction;

    internal static int IndexOf(ProcessClassPlan plan, string id)
    {
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            if (plan.Nodes[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Declares the scope inputs around <paramref name="nodeIndex"/>'s scope as locals read from
    /// <paramref name="loop"/> (a <c>LoopInfo</c>): each name once, the innermost scope's, except
    /// <paramref name="hidden"/> names (the node's own inputs, which hide them) and the loop variables.
    /// </summary>
    public static void WriteLocals(SourceWriter writer, ProcessClassPlan plan, int nodeIndex, string loop, IEnumerable<string>? hidden = null)
    {
        var declared = new HashSet<string>(LoopNames.Concat(hidden ?? Enumerable.Empty<string>()), System.StringComparer.Ordinal);
        if (LoopWriter.ForBody(plan, nodeIndex)?.ElementVariable is { } element)
        {
            declared.Add(element);
        }

        foreach (var io in Around(plan, TriggerScopes.ScopeAround(plan, nodeIndex)))
        {
            var names = io.Inputs.Where(i => declared.Add(i.Name)).ToList();
            if (names.Count == 0)
            {
                continue;
            }

            var holder = "__scope_" + io.InputsMethod.Replace("__Inputs_", "");
            writer.Line("var " + holder + " = global::Flow.InputOutputJson.Read<global::" + plan.FullName + "." + io.ClassName + ">(" + loop + ".ScopeInputs(" + CSharpLiterals.String(io.NodeId) + "));");
            foreach (var input in names)
            {
                writer.Line("var " + input.Name + " = " + holder + "." + input.Name + ";");
            }
        }
    }
}
