using System.Globalization;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// A C# <c>camunda:script</c> as a parameter's value, under #line at the script so that its C#
/// errors are reported there: a single expression is the value itself; statements become a local
/// function whose <c>return</c> is the value (with the parameters and the data in scope, as for
/// <c>${…}</c>).
/// </summary>
internal static class ScriptValueWriter
{
    public static void Write(SourceWriter writer, ProcessClassPlan plan, ParameterValue script, string type, string target, ref int counter)
    {
        var text = script.Value!;
        if (ScriptValues.ExpressionCode(script) is { } expression)
        {
            LineMappings.WriteMapped(writer, plan.SourcePath, text.Span, type + " " + target + " = ", expression, ";");
            return;
        }

        var function = "__script" + (counter++).ToString(CultureInfo.InvariantCulture);
        if (type == "var")
        {
            // No declared type (an output into a data type of the user's): the lambda's returns type it.
            LineMappings.WriteMapped(writer, plan.SourcePath, text.Span, "var " + target + " = global::Flow.InputValues.Evaluate(() => { ", text.Aligned, " });");
            return;
        }

        LineMappings.WriteMapped(writer, plan.SourcePath, text.Span, type + " " + function + "() { ", text.Aligned, " }");
        writer.Line(type + " " + target + " = " + function + "();");
    }
}
