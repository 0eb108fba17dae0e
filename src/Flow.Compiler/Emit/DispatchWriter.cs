using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// Handler declarations (each under #line at its task, so a missing implementation is an error
/// in the .bpmn) and the switch methods the engine calls by node and flow index.
/// </summary>
internal static class DispatchWriter
{
    public static void Write(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        // One #line per declaration and a single #line default after them: the lines between
        // (the next declaration's comment) produce no diagnostics, so they may stay mapped.
        var mapped = false;
        var first = true;
        foreach (var group in plan.Handlers.Where(h => h.Binding is null).GroupBy(h => h.MethodName))
        {
            // Declared once, at the first task that uses it (a missing implementation is reported there).
            var handler = group.First();
            if (mapped && !LineMappings.Maps(handler.Span))
            {
                // Unmapped after mapped: back to the generated file's own lines first.
                writer.RawLine("#line default");
                mapped = false;
            }

            if (first)
            {
                first = false;
                writer.Line("// The handlers: implement each in your half of this partial class (a missing one is an error at its task in the .bpmn).");
            }

            if (group.Skip(1).Any())
            {
                // Only a handler shared by several tasks says which: otherwise its name is the task's.
                writer.Line("/// <summary>Runs " + string.Join(", ", group.Select(h => ElementComments.Node(plan.Nodes[h.NodeIndex], sentenceStart: false))) + ".</summary>");
            }

            var declaration = "private partial " + EmitNames.ValueTask + " ";
            // A multi-instance over a collection with an element variable hands its handler the element, typed.
            var element = LoopWriter.ElementSeenBy(plan, handler.NodeIndex) is { Element: not null } loop ? loop.ElementType + " " + loop.ElementVariable + ", " : "";
            mapped |= LineMappings.WriteMapped(writer, plan.SourcePath, handler.Span, declaration, handler.MethodName, "(" + names.Context + " context, " + element + InputOutputWriter.InputsParameter(plan, handler.NodeIndex) + EmitNames.CancellationToken + " cancellationToken);", restore: false);
        }

        if (mapped)
        {
            writer.RawLine("#line default");
        }

        writer.Line()
            .Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .Line("protected override " + EmitNames.ValueTask + " InvokeHandlerAsync(int nodeIndex, " + names.Context + " context, " + EmitNames.CancellationToken + " cancellationToken) => nodeIndex switch")
            .OpenBlock("");
        foreach (var handler in plan.Handlers.Where(h => h.Binding is null || BoundInputsWriter.NeedsArm(plan, h)))
        {
            // The method's name says which task it is; a comment would repeat it. A bound task gets
            // an arm only for its parameters' runner or its element (else the binding arm below).
            writer.Line(Index(handler.NodeIndex) + " => " + (handler.Binding is not null && handler.Runner is null
                ? BoundInputsWriter.Call(plan, handler.NodeIndex, "null")
                : handler.Call("context", ElementArgument(plan, handler.NodeIndex))) + ",");
        }

        // Tasks bound by name are found by their description's binding (one arm instead of one per task).
        writer.Line(plan.Handlers.Any(h => h.Binding is not null) ? "_ => InvokeBoundHandlerOrNoneAsync(nodeIndex, context, cancellationToken)," : "_ => default,")
            .CloseBlock(";")
            .Line();

        Switch(
            writer,
            "protected override bool EvaluateCondition(int flowIndex, " + names.Data + " data)",
            "flowIndex",
            plan.Conditions.Where(c => !LoopedConditionWriter.IsLooped(plan, c)).Select(c => (c.FlowIndex, ElementComments.Flow(plan.Flows[c.FlowIndex]), "return data." + c.MethodName + "();")),
            "return base.EvaluateCondition(flowIndex, data);");
        Switch(
            writer,
            "protected override global::Flow.TimerValue EvaluateTimer(int nodeIndex, " + names.Data + " data)",
            "nodeIndex",
            plan.TimerExpressions.Where(t => !ScopeInputsWriter.Any(plan, t.NodeIndex)).Select(t => (t.NodeIndex, ElementComments.Node(plan.Nodes[t.NodeIndex]), "return data." + t.MethodName + "();")),
            "return base.EvaluateTimer(nodeIndex, data);");
        Switch(
            writer,
            "protected override global::Flow.TimerValue EvaluateTimer(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.TimerExpressions.Where(t => ScopeInputsWriter.Any(plan, t.NodeIndex)).Select(t => (t.NodeIndex, "", "return data." + t.MethodName + "(loop);")),
            "return base.EvaluateTimer(nodeIndex, data, loop);");
        Switch(
            writer,
            "protected override bool EvaluateEventCondition(int nodeIndex, " + names.Data + " data)",
            "nodeIndex",
            plan.EventConditions.Where(c => !ScopeInputsWriter.Any(plan, c.NodeIndex)).Select(c => (c.NodeIndex, ElementComments.Node(plan.Nodes[c.NodeIndex]), "return data." + c.MethodName + "();")),
            "return base.EvaluateEventCondition(nodeIndex, data);");
        Switch(
            writer,
            "protected override bool EvaluateEventCondition(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.EventConditions.Where(c => ScopeInputsWriter.Any(plan, c.NodeIndex)).Select(c => (c.NodeIndex, "", "return data." + c.MethodName + "(loop);")),
            "return base.EvaluateEventCondition(nodeIndex, data, loop);");
        Switch(
            writer,
            "protected override object? EvaluateCallInput(int expressionIndex, " + names.Data + " data)",
            "expressionIndex",
            plan.CallInputs.Where(c => !InputOutputWriter.CallTakesLoopInfo(plan, c.NodeIndex)).Select(c => (c.Index, ElementComments.Node(plan.Nodes[c.NodeIndex]), "return data." + c.MethodName + "();")),
            "return base.EvaluateCallInput(expressionIndex, data);");
        Switch(
            writer,
            "protected override void RunScript(int nodeIndex, " + names.Context + " context)",
            "nodeIndex",
            plan.Scripts.Select(s => (s.NodeIndex, ElementComments.Node(plan.Nodes[s.NodeIndex]), "context.Data." + s.MethodName + "(context); return;")),
            "base.RunScript(nodeIndex, context); return;");
        Switch(
            writer,
            "protected override string? CorrelationKey(int nodeIndex, " + names.Data + " data)",
            "nodeIndex",
            plan.CorrelationKeys.Where(k => !ScopeInputsWriter.Any(plan, k.NodeIndex)).Select(k => (k.NodeIndex, ElementComments.Node(plan.Nodes[k.NodeIndex]), "return data." + k.MethodName + "();")),
            "return null;");
        Switch(
            writer,
            "protected override string? CorrelationKey(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.CorrelationKeys.Where(k => ScopeInputsWriter.Any(plan, k.NodeIndex)).Select(k => (k.NodeIndex, "", "return data." + k.MethodName + "(loop);")),
            "return base.CorrelationKey(nodeIndex, data, loop);");
        LoopWriter.WriteOverrides(writer, plan, names);
        LoopedConditionWriter.WriteOverride(writer, plan, names);
        InputOutputWriter.WriteOverrides(writer, plan, names);
    }

    private static string ElementArgument(ProcessClassPlan plan, int nodeIndex) => LoopWriter.ElementArgument(plan, nodeIndex);

    /// <summary>An override that switches on an index; not written when there are no cases.</summary>
    internal static void Switch(SourceWriter writer, string signature, string index, IEnumerable<(int Index, string Comment, string Statement)> cases, string fallback)
    {
        var list = cases.ToList();
        if (list.Count == 0)
        {
            return;
        }

        writer.Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .OpenBlock(signature)
            .OpenBlock("switch (" + index + ")");
        // No comment per case: each calls a method named after its element.
        foreach (var (value, _, statement) in list)
        {
            writer.Line("case " + Index(value) + ": " + statement);
        }

        writer.Line("default: " + fallback)
            .CloseBlock()
            .CloseBlock()
            .Line();
    }

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);
}
