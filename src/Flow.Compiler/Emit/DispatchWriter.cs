using System.Globalization;
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
        foreach (var handler in plan.Handlers)
        {
            writer.Line("/// <summary>The handler of " + ProcessEmitter.Xml(handler.NodeId) + ": implement it in your half of this partial class.</summary>");
            var declaration = "private partial " + EmitNames.ValueTask + " ";
            LineMappings.WriteMapped(writer, plan.SourcePath, handler.Span, declaration, handler.MethodName, "(" + names.Context + " context, " + EmitNames.CancellationToken + " cancellationToken);");
            writer.Line();
        }

        writer.Line("/// <inheritdoc/>")
            .OpenBlock("protected override " + EmitNames.ValueTask + " InvokeHandlerAsync(int nodeIndex, " + names.Context + " context, " + EmitNames.CancellationToken + " cancellationToken)")
            .OpenBlock("switch (nodeIndex)");
        foreach (var handler in plan.Handlers)
        {
            writer.Line("case " + Index(handler.NodeIndex) + ": return " + handler.MethodName + "(context, cancellationToken);");
        }

        writer.Line("default: return default;")
            .CloseBlock()
            .CloseBlock()
            .Line();

        if (plan.Conditions.Count > 0)
        {
            writer.Line("/// <inheritdoc/>")
                .OpenBlock("protected override bool EvaluateCondition(int flowIndex, " + names.Data + " data)")
                .OpenBlock("switch (flowIndex)");
            foreach (var condition in plan.Conditions)
            {
                writer.Line("case " + Index(condition.FlowIndex) + ": return data." + condition.MethodName + "();");
            }

            writer.Line("default: return base.EvaluateCondition(flowIndex, data);")
                .CloseBlock()
                .CloseBlock()
                .Line();
        }

        if (plan.Scripts.Count > 0)
        {
            writer.Line("/// <inheritdoc/>")
                .OpenBlock("protected override void RunScript(int nodeIndex, " + names.Context + " context)")
                .OpenBlock("switch (nodeIndex)");
            foreach (var script in plan.Scripts)
            {
                writer.Line("case " + Index(script.NodeIndex) + ": context.Data." + script.MethodName + "(context); return;");
            }

            writer.Line("default: base.RunScript(nodeIndex, context); return;")
                .CloseBlock()
                .CloseBlock()
                .Line();
        }
    }

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);
}
