using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// Sequence-flow conditions inside a looped sub-process: their data-class method takes the
/// element's <c>LoopInfo</c> and declares the loop variables (and the element) as locals, so a
/// condition can read <c>loopCounter</c> or the element variable; the engine calls them through
/// the <c>EvaluateCondition</c> overload that carries the element.
/// </summary>
internal static class LoopedConditionWriter
{
    private const string Loop = "__loop";

    /// <summary>
    /// The innermost looped sub-process around the source of the condition's flow; null when none.
    /// A looped source node's own loop does not count: its outgoing flows are taken after the loop.
    /// </summary>
    public static LoopPlan? EnclosingLoop(ProcessClassPlan plan, ConditionPlan condition)
    {
        if (plan.Loops.Count == 0)
        {
            return null;   // the common case: no scan of the nodes per condition
        }

        var source = plan.Flows[condition.FlowIndex].SourceId;
        var node = plan.Nodes.FirstOrDefault(n => n.Id == source);
        if (node is null || string.IsNullOrEmpty(node.ScopeId))
        {
            return null;
        }

        var scope = plan.Nodes.Select((n, i) => (n, i)).FirstOrDefault(p => p.n.Id == node.ScopeId);
        // Inside a compensation handler sub-process: the element the handler undoes (the engine hands it over likewise).
        return scope.n is null ? null
            : LoopWriter.ElementSeenBy(plan, scope.i) is { } loop && (IsSubProcessLoop(plan, loop) || loop != LoopWriter.ForBody(plan, scope.i)) ? loop
            : null;
    }

    private static bool IsSubProcessLoop(ProcessClassPlan plan, LoopPlan loop) =>
        plan.Nodes[loop.NodeIndex].Kind is Flow.Compiler.Model.FlowNodeKind.SubProcess or Flow.Compiler.Model.FlowNodeKind.Transaction;

    /// <summary>The condition method's parameter list, and its loop variables when it is inside a looped sub-process (or the inputs of sub-processes around it).</summary>
    public static string Parameters(ProcessClassPlan plan, ConditionPlan condition) =>
        !IsLooped(plan, condition) ? "()" : "(global::Flow.LoopInfo " + Loop + ")";

    public static void WriteLoopVariables(SourceWriter writer, ProcessClassPlan plan, ConditionPlan condition)
    {
        var loop = EnclosingLoop(plan, condition);
        if (loop is not null)
        {
            LoopWriter.WriteLoopVariables(writer, loop, Loop);
        }

        if (SourceIndex(plan, condition) is var source && source >= 0 && ScopeInputsWriter.Any(plan, source))
        {
            ScopeInputsWriter.WriteLocals(writer, plan, source, Loop, loop);
        }
    }

    /// <summary>Whether the condition's method takes the LoopInfo: inside a looped sub-process, or inside a sub-process with input parameters.</summary>
    public static bool IsLooped(ProcessClassPlan plan, ConditionPlan condition) =>
        EnclosingLoop(plan, condition) is not null || (SourceIndex(plan, condition) is var source && source >= 0 && ScopeInputsWriter.Any(plan, source));

    private static int SourceIndex(ProcessClassPlan plan, ConditionPlan condition) =>
        plan.InputOutputs.Count == 0 ? -1 : ScopeInputsWriter.IndexOf(plan, plan.Flows[condition.FlowIndex].SourceId);

    public static void WriteOverride(SourceWriter writer, ProcessClassPlan plan, EmitNames names) =>
        DispatchWriter.Switch(
            writer,
            "protected override bool EvaluateCondition(int flowIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "flowIndex",
            plan.Conditions.Where(c => IsLooped(plan, c)).Select(c => (c.FlowIndex, "", "return data." + c.MethodName + "(loop);")),
            "return base.EvaluateCondition(flowIndex, data, loop);");
}
