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
    /// The parameters of the data-class method of an expression of the node at <paramref name="nodeIndex"/>
    /// (a timer, an event condition, a multi-instance count): the <c>LoopInfo</c> that carries the
    /// scope inputs when the node is inside a sub-process with inputs, else none.
    /// </summary>
    public static string Parameters(ProcessClassPlan plan, int nodeIndex) => Any(plan, nodeIndex) ? "(global::Flow.LoopInfo " + ExpressionLoop + ")" : "()";

    /// <summary>The name of the <c>LoopInfo</c> parameter of the methods <see cref="Parameters"/> declares.</summary>
    public const string ExpressionLoop = "__loop";

    /// <summary>The scope inputs as locals of such a method (none when it takes no <c>LoopInfo</c>): every name, as the expression declares no loop variable.</summary>
    public static void WriteExpressionLocals(SourceWriter writer, ProcessClassPlan plan, int nodeIndex, params string[] declared)
    {
        if (Any(plan, nodeIndex))
        {
            WriteLocals(writer, plan, nodeIndex, ExpressionLoop, declaredLoop: null, declared);
        }
    }

    /// <summary>
    /// Declares the scope inputs around <paramref name="nodeIndex"/>'s scope as locals read from
    /// <paramref name="loop"/> (a <c>LoopInfo</c>): each name once, the innermost scope's, except
    /// <paramref name="hidden"/> names (the node's own inputs, which hide them) and the variables of
    /// <paramref name="declaredLoop"/>, the loop whose variables the code declared (null: none, so an
    /// input named <c>loopCounter</c> of a scope without a loop around the code is a local like any other).
    /// </summary>
    public static void WriteLocals(SourceWriter writer, ProcessClassPlan plan, int nodeIndex, string loop, LoopPlan? declaredLoop, IEnumerable<string>? hidden = null)
    {
        var declared = new HashSet<string>((declaredLoop is not null ? LoopShapes.LoopVariables : Enumerable.Empty<string>()).Concat(hidden ?? Enumerable.Empty<string>()), System.StringComparer.Ordinal);
        if (declaredLoop is { Element: not null, ElementVariable: { } element })
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
