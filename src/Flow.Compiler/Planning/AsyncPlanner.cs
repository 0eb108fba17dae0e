using System.Globalization;
using Flow.Compiler.Model;
using Flow.Compiler.Rules;

namespace Flow.Compiler.Planning;

/// <summary>
/// A node's job boundary as the runtime runs it: only a node with asyncBefore or asyncAfter has
/// one (exclusive, priority and retry cycle alone change nothing); an expression for the priority
/// or the retry cycle is not evaluated (FLOW1271), so it falls back to the default.
/// </summary>
internal static class AsyncPlanner
{
    public static AsyncPlan? Of(FlowNode node)
    {
        if (node.Async is not { } settings || !(settings.Before || settings.After))
        {
            return null;
        }

        var priority = settings.Priority is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
        var cycle = settings.RetryCycle is { Length: > 0 } retry && !AsyncRules.IsExpression(retry) ? retry : null;
        return new AsyncPlan(settings.Before, settings.After, settings.Exclusive, priority, cycle);
    }
}
