using System.Text;
using Flow.Compiler.Model;

namespace Flow.Compiler.Graph;

/// <summary>Human names of model elements for diagnostic messages ("Service task", "Sub-process").</summary>
public static class Describe
{
    public static string Kind(FlowNodeKind kind) => kind switch
    {
        FlowNodeKind.SubProcess => "Sub-process",
        FlowNodeKind.AdHocSubProcess => "Ad-hoc sub-process",
        _ => Words(kind.ToString()),
    };

    public static string Node(FlowNode node)
    {
        if (node.IsEventSubProcess)
        {
            return "Event sub-process";
        }

        if (node.Kind.IsEvent() && node.EventDefinitions.Count == 1)
        {
            // "Message start event", "Timer intermediate catch event".
            var definition = Words(node.EventDefinitions[0].Kind.ToString());
            var kind = Words(node.Kind.ToString());
            return definition + " " + char.ToLowerInvariant(kind[0]) + kind.Substring(1);
        }

        return Kind(node.Kind);
    }

    public static string Scope(Scope scope) => scope.Container is null ? "Process" : Node(scope.Container);

    /// <summary>"ServiceTask" → "Service task".</summary>
    private static string Words(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
