using System.Globalization;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>Writes a node's job boundary into its description (generated code sets <c>NodeDescription.Async</c>).</summary>
internal static class AsyncWriter
{
    public static string Description(AsyncPlan async)
    {
        var text = "Async = new global::Flow.AsyncDescription(" + CSharpLiterals.Bool(async.Before) + ", " + CSharpLiterals.Bool(async.After) + ")";
        var settings = new System.Collections.Generic.List<string>();
        if (!async.Exclusive)
        {
            settings.Add("Exclusive = false");
        }

        if (async.Priority != 0)
        {
            settings.Add("Priority = " + async.Priority.ToString(CultureInfo.InvariantCulture));
        }

        if (async.RetryCycle is { } cycle)
        {
            settings.Add("RetryCycle = " + CSharpLiterals.String(cycle));
        }

        return settings.Count == 0 ? text : text + " { " + string.Join(", ", settings) + " }";
    }
}
