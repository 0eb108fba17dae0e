using System.Globalization;
using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// What a handler bound by name sees of its task's inputs: the call that hands the engine the
/// evaluated input parameters and the multi-instance element (the engine builds
/// <c>context.Inputs</c> from them), and the explicit <c>IInputValues</c> members by which the
/// runtime reads and sets the inputs class by name without reflection.
/// </summary>
internal static class BoundInputsWriter
{
    /// <summary>Whether a bound task needs a generated arm in <c>InvokeHandlerAsync</c>: it has input/output parameters (its runner) or an element to hand over.</summary>
    public static bool NeedsArm(ProcessClassPlan plan, HandlerPlan handler) =>
        handler.Binding is not null && (handler.Runner is not null || Element(plan, handler.NodeIndex) != "null");

    /// <summary>The call of a bound task's handler with <paramref name="inputs"/> (an inputs object, or "null") and its element.</summary>
    public static string Call(ProcessClassPlan plan, int nodeIndex, string inputs) =>
        "InvokeBoundHandlerAsync(" + nodeIndex.ToString(CultureInfo.InvariantCulture) + ", context, " + inputs + ", " + Element(plan, nodeIndex) + ", cancellationToken)";

    private static string Element(ProcessClassPlan plan, int nodeIndex) =>
        LoopWriter.ForBody(plan, nodeIndex) is { Element: not null, ElementVariable: { } variable } loop
            ? "global::Flow.InputValues.Element(" + CSharpLiterals.String(Unescaped(variable)) + ", context.Data." + LoopWriter.ElementCall(plan, loop, "context.Loop") + ")"
            : "null";

    /// <summary>Whether the inputs class of <paramref name="io"/> is handed to a bound handler (then it implements <c>IInputValues</c>).</summary>
    public static bool IsBound(ProcessClassPlan plan, InputOutputPlan io) =>
        plan.Handlers.Any(h => h.NodeIndex == io.NodeIndex && h.Binding is not null);

    /// <summary>The explicit <c>global::Flow.IInputValues</c> members of an inputs class (types and casts inferred from the properties, so a type is written once).</summary>
    public static void WriteValuesMembers(SourceWriter writer, InputOutputPlan io)
    {
        const string Interface = "global::Flow.IInputValues.";
        const string Otherwise = "_ => throw new global::System.ArgumentOutOfRangeException(nameof(index))";
        string Arms(System.Func<ParameterPlan, string> arm) =>
            string.Concat(io.Inputs.Select((p, i) => i.ToString(CultureInfo.InvariantCulture) + " => " + arm(p) + ", ")) + Otherwise;

        writer.Line()
            .Line("int " + Interface + "Count => " + io.Inputs.Count.ToString(CultureInfo.InvariantCulture) + ";")
            .Line()
            .Line("string " + Interface + "NameAt(int index) => index switch { " + Arms(p => CSharpLiterals.String(Unescaped(p.Name))) + " };")
            .Line()
            .Line("global::System.Type " + Interface + "TypeAt(int index) => index switch { " + Arms(p => "global::Flow.InputValues.TypeOf(this." + p.Name + ")") + " };")
            .Line()
            .Line("object? " + Interface + "GetAt(int index) => index switch { " + Arms(p => "this." + p.Name) + " };")
            .Line()
            .OpenBlock("void " + Interface + "SetAt(int index, object? value)")
            .OpenBlock("switch (index)");
        for (var i = 0; i < io.Inputs.Count; i++)
        {
            var name = io.Inputs[i].Name;
            writer.Line("case " + i.ToString(CultureInfo.InvariantCulture) + ": this." + name + " = global::Flow.InputValues.As(value, this." + name + "); return;");
        }

        writer.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(index));")
            .CloseBlock()
            .CloseBlock();
    }

    private static string Unescaped(string name) => name.StartsWith("@", System.StringComparison.Ordinal) ? name.Substring(1) : name;
}
