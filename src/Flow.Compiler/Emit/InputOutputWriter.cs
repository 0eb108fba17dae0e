using System.Globalization;
using System.Linq;
using Flow.Compiler.Expressions;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// The generated side of <c>camunda:inputOutput</c>: per activity a class of its typed input
/// locals (nested in the process class, so a handler takes it as a parameter), data-class methods
/// that evaluate the inputs (each under #line at its value) and write the outputs with the inputs
/// in scope as locals, the runner that wraps a handler between the two, and the overrides by which
/// the token engine saves a wait state's inputs with its token and writes its outputs at completion.
/// </summary>
internal static class InputOutputWriter
{
    private const string Loop = "__loop";

    public static InputOutputPlan? For(ProcessClassPlan plan, int nodeIndex) => plan.InputOutputs.FirstOrDefault(p => p.NodeIndex == nodeIndex);

    private static string Qualified(ProcessClassPlan plan, InputOutputPlan io) => "global::" + plan.FullName + "." + io.ClassName;

    /// <summary>The handler's inputs parameter (ending in ", "), or "" when its task has no input parameters.</summary>
    public static string InputsParameter(ProcessClassPlan plan, int nodeIndex) =>
        For(plan, nodeIndex) is { Inputs.Count: > 0 } io ? Qualified(plan, io) + " inputs, " : "";

    /// <summary>The inputs classes and handler runners, members of the process class.</summary>
    public static void WriteClassMembers(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        foreach (var group in plan.InputOutputs.GroupBy(p => p.ClassName))
        {
            var io = group.First();
            var bound = BoundInputsWriter.IsBound(plan, io);
            writer.Line("/// <summary>The input parameters of " + string.Join(", ", group.Select(p => ElementComments.Node(plan.Nodes[p.NodeIndex], sentenceStart: false))) + ": its local variables, evaluated when it starts.</summary>")
                .OpenBlock("public sealed class " + io.ClassName + (bound ? " : global::Flow.IInputValues" : ""));
            foreach (var input in io.Inputs)
            {
                // Mapped to the parameter, so that a type C# does not know (flow:type) is an error in the .bpmn.
                LineMappings.WriteMapped(writer, plan.SourcePath, input.Span, "public ", input.Type!, " " + input.Name + " { get; set; } = default!;");
            }

            if (bound)
            {
                BoundInputsWriter.WriteValuesMembers(writer, io);
            }

            writer.CloseBlock().Line();
        }

        foreach (var io in plan.InputOutputs.Where(p => p.Runner is not null))
        {
            var handler = plan.Handlers.First(h => h.NodeIndex == io.NodeIndex);
            var call = handler.Binding is null
                ? handler.MethodName + "(context, " + ElementArgument(plan, io.NodeIndex) + (io.Inputs.Count > 0 ? "inputs, " : "") + "cancellationToken)"
                : BoundInputsWriter.Call(plan, io.NodeIndex, "inputs");
            writer.Line("/// <summary>Runs " + ElementComments.Node(plan.Nodes[io.NodeIndex], sentenceStart: false) + " with its input parameters, then writes its output parameters.</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("private async " + EmitNames.ValueTask + " " + io.Runner + "(" + names.Context + " context, " + EmitNames.CancellationToken + " cancellationToken)")
                .Line("var inputs = context.Data." + io.InputsMethod + "(context.Loop);")
                .Line("await " + call + ".ConfigureAwait(false);")
                .Line("context.Data." + io.OutputsMethod + "(inputs, context.Loop);")
                .CloseBlock()
                .Line();
        }
    }

    private static string ElementArgument(ProcessClassPlan plan, int nodeIndex) => LoopWriter.ElementArgument(plan, nodeIndex);

    /// <summary>The overrides by which the token engine saves a wait state's (or call's) inputs, writes its outputs at completion, and hands a call's inputs to its in mappings.</summary>
    public static void WriteOverrides(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        var waits = plan.InputOutputs.Where(p => p.IsWaitState).ToList();
        DispatchWriter.Switch(
            writer,
            "protected override string? SaveInputs(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            waits.Select(p => (p.NodeIndex, "", "return global::Flow.InputOutputJson.Write(data." + p.InputsMethod + "(loop));")),
            "return base.SaveInputs(nodeIndex, data, loop);");
        DispatchWriter.Switch(
            writer,
            "protected override void ApplyOutputs(int nodeIndex, " + names.Data + " data, string? inputs, global::Flow.LoopInfo loop)",
            "nodeIndex",
            waits.Select(p => (p.NodeIndex, "", "data." + p.OutputsMethod + "(global::Flow.InputOutputJson.Read<" + Qualified(plan, p) + ">(inputs), loop); return;")),
            "base.ApplyOutputs(nodeIndex, data, inputs, loop); return;");
    }

    /// <summary>
    /// Whether the in-mapping methods of the call activity at <paramref name="nodeIndex"/> take a
    /// <c>LoopInfo</c>: its loop variables (looped), its own input parameters (under its id) or the
    /// inputs of the sub-processes around it come through it.
    /// </summary>
    public static bool CallTakesLoopInfo(ProcessClassPlan plan, int nodeIndex) =>
        plan.Nodes[nodeIndex].Kind == Flow.Compiler.Model.FlowNodeKind.CallActivity
        && (LoopWriter.For(plan, nodeIndex) is not null || For(plan, nodeIndex) is { Inputs.Count: > 0 } || ScopeInputsWriter.Any(plan, nodeIndex));

    /// <summary>
    /// The locals of an in-mapping method: the inputs of the sub-processes around the call, then the
    /// call's own inputs (saved per call, or per element of a looped one), which hide them and process
    /// variables of their names.
    /// </summary>
    public static void WriteCallInputLocals(SourceWriter writer, ProcessClassPlan plan, int nodeIndex)
    {
        if (!CallTakesLoopInfo(plan, nodeIndex))
        {
            return;
        }

        var own = For(plan, nodeIndex) is { Inputs.Count: > 0 } io ? io : null;
        ScopeInputsWriter.WriteLocals(writer, plan, nodeIndex, Loop, LoopWriter.For(plan, nodeIndex), own?.Inputs.Select(i => i.Name));
        if (own is null)
        {
            return;
        }

        writer.Line("var __inputs = global::Flow.InputOutputJson.Read<" + Qualified(plan, own) + ">(" + Loop + ".ScopeInputs(" + CSharpLiterals.String(own.NodeId) + "));");
        foreach (var input in own.Inputs)
        {
            writer.Line("var " + input.Name + " = __inputs." + input.Name + ";");
        }
    }

    /// <summary>The data-class methods: the inputs evaluated in order (each sees those before it), the outputs with every input as a local.</summary>
    public static void WriteDataMethods(SourceWriter writer, ProcessClassPlan plan)
    {
        foreach (var io in plan.InputOutputs)
        {
            var node = ElementComments.Node(plan.Nodes[io.NodeIndex], sentenceStart: false);
            var type = Qualified(plan, io);
            writer.Line("/// <summary>The input parameters of " + node + ", evaluated in order: each sees the ones before it.</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal " + type + " " + io.InputsMethod + "(global::Flow.LoopInfo " + Loop + ")");
            WriteLoopVariables(writer, plan, io);
            var scoped = ScopeInputsWriter.Any(plan, io.NodeIndex);
            if (scoped)
            {
                // The inputs of the sub-processes around it; its own, in a local function, may hide them.
                ScopeInputsWriter.WriteLocals(writer, plan, io.NodeIndex, Loop, LoopWriter.ElementSeenBy(plan, io.NodeIndex));
                writer.Line("return __Evaluate();").OpenBlock(type + " __Evaluate()");
            }

            var counter = 0;
            for (var i = 0; i < io.Inputs.Count; i++)
            {
                var input = io.Inputs[i];
                var temporary = "__input" + i.ToString(CultureInfo.InvariantCulture);
                WriteValue(writer, plan, input.Value, input.Type!, temporary, ref counter);
                // A block per input: its value was evaluated before its local hides the data member of the same name.
                writer.OpenBlock("").Line("var " + input.Name + " = " + temporary + ";");
            }

            writer.Line("return new " + type + " { " + string.Join(", ", io.Inputs.Select(p => p.Name + " = " + p.Name)) + " };");
            foreach (var _ in io.Inputs)
            {
                writer.CloseBlock();
            }

            if (scoped)
            {
                writer.CloseBlock();
            }

            writer.CloseBlock().Line();

            writer.Line("/// <summary>The output parameters of " + node + ", written to the process data when it ends; its inputs are locals.</summary>")
                .Line(Plumbing.Hidden)
                .OpenBlock("internal void " + io.OutputsMethod + "(" + type + " __inputs, global::Flow.LoopInfo " + Loop + ")");
            WriteLoopVariables(writer, plan, io);
            ScopeInputsWriter.WriteLocals(writer, plan, io.NodeIndex, Loop, LoopWriter.ElementSeenBy(plan, io.NodeIndex), io.Inputs.Select(i => i.Name));
            foreach (var input in io.Inputs)
            {
                writer.Line("var " + input.Name + " = __inputs." + input.Name + ";");
            }

            for (var i = 0; i < io.Outputs.Count; i++)
            {
                var output = io.Outputs[i];
                var temporary = "__output" + i.ToString(CultureInfo.InvariantCulture);
                WriteValue(writer, plan, output.Value, output.Type ?? InputOutputTypes.ValueType(output.Value, new System.Collections.Generic.Dictionary<string, string>()) ?? "var", temporary, ref counter);
                LineMappings.WriteMapped(writer, plan.SourcePath, output.Span, "this.", output.Name, " = " + temporary + ";");
            }

            writer.CloseBlock().Line();
        }
    }

    private static void WriteLoopVariables(SourceWriter writer, ProcessClassPlan plan, InputOutputPlan io)
    {
        if (LoopWriter.ElementSeenBy(plan, io.NodeIndex) is { } loop)
        {
            LoopWriter.WriteLoopVariables(writer, loop, Loop);
        }
    }

    /// <summary>Statements that declare <paramref name="target"/> of <paramref name="type"/> with the value (lists and maps element by element).</summary>
    private static void WriteValue(SourceWriter writer, ProcessClassPlan plan, ParameterValue value, string type, string target, ref int counter)
    {
        switch (value.Kind)
        {
            case ParameterValueKind.Text:
                LineMappings.WriteMapped(writer, plan.SourcePath, value.Span, Declare(type, target), CSharpLiterals.String(value.Value!.Text.Trim()), ";");
                break;
            case ParameterValueKind.Expression:
                LineMappings.WriteMapped(writer, plan.SourcePath, value.Value!.Span, Declare(type, target), JuelTranslator.ToCSharp(value.Value.Aligned), ";");
                break;
            case ParameterValueKind.Script when ScriptValues.IsRunnable(value):
                ScriptValueWriter.Write(writer, plan, value, type, target, ref counter);
                break;
            case ParameterValueKind.List or ParameterValueKind.Map:
                var map = value.Kind == ParameterValueKind.Map;
                var collection = type == "var" ? (map ? InputOutputTypes.MapType : InputOutputTypes.ListType) + "object?>" : type;
                var item = InputOutputTypes.ItemType(collection, map) ?? "object?";
                LineMappings.WriteMapped(writer, plan.SourcePath, value.Span, "var " + target + " = new ", collection, "();");
                foreach (var element in value.Items)
                {
                    var name = "__value" + (counter++).ToString(CultureInfo.InvariantCulture);
                    WriteValue(writer, plan, element, item, name, ref counter);
                    writer.Line(map ? target + "[" + CSharpLiterals.String(element.Key ?? "") + "] = " + name + ";" : target + ".Add(" + name + ");");
                }

                break;
            default:
                writer.Line(Declare(type == "var" ? "object?" : type, target) + "default!;");
                break;
        }
    }

    private static string Declare(string type, string target) => type + " " + target + " = ";

    /// <summary>A C# script task's body with its parameters: inputs as locals around the script, outputs after it (a <c>return</c> in the script ends the script only).</summary>
    public static bool WriteScript(SourceWriter writer, ProcessClassPlan plan, ScriptPlan script)
    {
        if (For(plan, script.NodeIndex) is not { } io)
        {
            return false;
        }

        writer.Line("var __inputs = " + io.InputsMethod + "(context.Loop);");
        foreach (var input in io.Inputs)
        {
            writer.Line("var " + input.Name + " = __inputs." + input.Name + ";");
        }

        writer.OpenBlock("void __Script()");
        LineMappings.WriteMapped(writer, plan.SourcePath, script.Span, "", script.CSharp, "");
        writer.CloseBlock()
            .Line("__Script();");
        foreach (var input in io.Inputs)
        {
            writer.Line("__inputs." + input.Name + " = " + input.Name + ";");
        }

        writer.Line(io.OutputsMethod + "(__inputs, context.Loop);");
        return true;
    }
}
