using System.Globalization;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>Writes a node's job boundary into its description (generated code sets <c>NodeDescription.Async</c>).</summary>
internal static class AsyncWriter
{
    public static string Description(AsyncPlan async) =>
        "Async = " + Construction(async, "new global::Flow.AsyncDescription(");

    /// <summary>The boundary as the last argument of a short task row (<c>d.ServiceTask(id, name, binding: "x", async: new(true, false))</c>).</summary>
    public static string Argument(AsyncPlan async) => "async: " + Construction(async, "new(");

    private static string Construction(AsyncPlan async, string constructor)
    {
        var text = constructor + CSharpLiterals.Bool(async.Before) + ", " + CSharpLiterals.Bool(async.After) + ")";
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
