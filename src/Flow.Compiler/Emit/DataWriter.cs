using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// The process data: a generated nested <c>Data</c> class, or the user's own (partial) type.
/// Conditions and scripts are members of the data type, so they read variables by name.
/// </summary>
internal static class DataWriter
{
    public static void WriteNestedData(SourceWriter writer, ProcessClassPlan plan)
    {
        if (plan.Data.IsCustom)
        {
            return;
        }

        writer.Line("/// <summary>The process data, declared in the diagram.</summary>")
            .OpenBlock("public sealed partial class Data");
        foreach (var member in plan.Data.Members)
        {
            // Mapped to the declaration, so that a type C# does not know is an error in the .bpmn.
            writer.Line("/// <summary>Variable " + ProcessEmitter.Xml(member.Name) + ".</summary>");
            LineMappings.WriteMapped(writer, plan.SourcePath, member.Span, "public ", member.Type!, " " + member.Name + " { get; set; }" + (IsReferenceLike(member.Type!) ? " = default!;" : ""));
            writer.Line();
        }

        WriteExpressions(writer, plan, "global::Flow.TaskContext<Data>");
        writer.CloseBlock().Line();
    }

    public static void WriteCustomDataPart(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        if (!plan.Data.IsCustom || (plan.Conditions.Count == 0 && plan.Scripts.Count == 0 && plan.CorrelationKeys.Count == 0 && plan.TimerExpressions.Count == 0 && plan.EventConditions.Count == 0 && plan.Loops.Count == 0 && plan.CallInputs.Count == 0 && plan.InputOutputs.Count == 0))
        {
            return;
        }

        writer.Line()
            .OpenBlock("namespace " + plan.Data.CustomNamespace)
            .OpenBlock("partial class " + plan.Data.CustomName);
        WriteExpressions(writer, plan, names.Context);
        writer.CloseBlock().CloseBlock();
    }

    private static void WriteExpressions(SourceWriter writer, ProcessClassPlan plan, string context)
    {
        var blanksExplained = false;
        foreach (var condition in plan.Conditions)
        {
            writer.Line("/// <summary>The condition of " + ElementComments.Flow(plan.Flows[condition.FlowIndex], sentenceStart: false) + ".</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal bool " + condition.MethodName + LoopedConditionWriter.Parameters(plan, condition));
            LoopedConditionWriter.WriteLoopVariables(writer, plan, condition);
            if (!blanksExplained && condition.CSharp.Length > 0 && char.IsWhiteSpace(condition.CSharp[0]))
            {
                // Once per file: the reader of the first condition has read it.
                blanksExplained = true;
                writer.Line("// The blanks stand where the diagram has ${ (or #{) and }: every character keeps its column in the")
                    .Line("// .bpmn file, so the #line mapping below puts a C# error at the right place in the diagram.");
            }

            LineMappings.WriteMapped(writer, plan.SourcePath, condition.Span, "return ", condition.CSharp, ";");
            writer.CloseBlock().Line();
        }

        WriteCorrelationKeys(writer, plan);
        LoopWriter.WriteDataMethods(writer, plan);
        InputOutputWriter.WriteDataMethods(writer, plan);
        foreach (var condition in plan.EventConditions)
        {
            writer.Line("/// <summary>The condition of " + ElementComments.Node(plan.Nodes[condition.NodeIndex], sentenceStart: false) + ".</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal bool " + condition.MethodName + ScopeInputsWriter.Parameters(plan, condition.NodeIndex));
            ScopeInputsWriter.WriteExpressionLocals(writer, plan, condition.NodeIndex);
            LineMappings.WriteMapped(writer, plan.SourcePath, condition.Span, "return ", condition.CSharp, ";");
            writer.CloseBlock().Line();
        }

        foreach (var timer in plan.TimerExpressions)
        {
            // A TimerValue converts from TimeSpan, DateTimeOffset and string only: another type is a C# error at the expression.
            writer.Line("/// <summary>The timer of " + ElementComments.Node(plan.Nodes[timer.NodeIndex], sentenceStart: false) + ".</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal global::Flow.TimerValue " + timer.MethodName + ScopeInputsWriter.Parameters(plan, timer.NodeIndex));
            ScopeInputsWriter.WriteExpressionLocals(writer, plan, timer.NodeIndex);
            LineMappings.WriteMapped(writer, plan.SourcePath, timer.Span, "return ", timer.CSharp, ";");
            writer.CloseBlock().Line();
        }

        foreach (var input in plan.CallInputs)
        {
            writer.Line("/// <summary>An in mapping of " + ElementComments.Node(plan.Nodes[input.NodeIndex], sentenceStart: false) + ": the value the called process gets.</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal object? " + input.MethodName + (InputOutputWriter.CallTakesLoopInfo(plan, input.NodeIndex) ? "(global::Flow.LoopInfo __loop)" : "()"));
            if (LoopWriter.For(plan, input.NodeIndex) is { } callLoop)
            {
                LoopWriter.WriteLoopVariables(writer, callLoop, "__loop");
            }

            InputOutputWriter.WriteCallInputLocals(writer, plan, input.NodeIndex);

            LineMappings.WriteMapped(writer, plan.SourcePath, input.Span, "return ", input.CSharp, ";");
            writer.CloseBlock().Line();
        }

        foreach (var script in plan.Scripts)
        {
            writer.Line("/// <summary>The script of " + ElementComments.Node(plan.Nodes[script.NodeIndex], sentenceStart: false) + ".</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal void " + script.MethodName + "(" + context + " context)");
            var seen = LoopWriter.ElementSeenBy(plan, script.NodeIndex);
            if (seen is not null)
            {
                LoopWriter.WriteLoopVariables(writer, seen, "context.Loop");
            }

            ScopeInputsWriter.WriteLocals(writer, plan, script.NodeIndex, "context.Loop", seen, InputOutputWriter.For(plan, script.NodeIndex)?.Inputs.Select(i => i.Name));

            if (!InputOutputWriter.WriteScript(writer, plan, script))
            {
                LineMappings.WriteMapped(writer, plan.SourcePath, script.Span, "", script.CSharp, "");
            }

            writer.CloseBlock().Line();
        }
    }

    private static void WriteCorrelationKeys(SourceWriter writer, ProcessClassPlan plan)
    {
        foreach (var key in plan.CorrelationKeys)
        {
            writer.Line("/// <summary>The correlation key " + ElementComments.Node(plan.Nodes[key.NodeIndex], sentenceStart: false) + " waits for.</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal string? " + key.MethodName + ScopeInputsWriter.Parameters(plan, key.NodeIndex));
            ScopeInputsWriter.WriteExpressionLocals(writer, plan, key.NodeIndex);
            LineMappings.WriteMapped(writer, plan.SourcePath, key.Span, "return global::System.Convert.ToString(", key.CSharp, ", global::System.Globalization.CultureInfo.InvariantCulture);");
            writer.CloseBlock().Line();
        }
    }

    /// <summary>Non-nullable reference members get <c>default!</c> so nullable analysis stays quiet.</summary>
    private static bool IsReferenceLike(string type) =>
        !type.EndsWith("?", System.StringComparison.Ordinal)
        && type is not ("bool" or "byte" or "sbyte" or "short" or "ushort" or "int" or "uint" or "long" or "ulong"
            or "float" or "double" or "decimal" or "char" or "global::System.DateTime" or "global::System.DateTimeOffset"
            or "global::System.TimeSpan" or "global::System.Guid");
}
