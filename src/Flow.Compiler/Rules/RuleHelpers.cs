using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Compiler.Rules;

internal static class RuleHelpers
{
    public static FlowDiagnostic Report(FlowDiagnosticDescriptor descriptor, SourceSpan span, params object[] arguments)
    {
        var strings = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            strings[i] = System.Convert.ToString(arguments[i], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        return FlowDiagnostic.Create(descriptor, span, strings);
    }
}
