using System.Linq;
using System.Text;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// How generated code names a BPMN element for its reader, as the Regex generator explains
/// each step: <c>Service task 'Check stock' (Task_CheckStock)</c>. Every piece of diagram text
/// goes through <see cref="CommentText"/>, the one escaping of text in comments.
/// </summary>
internal static class ElementComments
{
    /// <summary><c>Service task 'Check stock' (Task_CheckStock)</c>; lower-case kind inside a sentence.</summary>
    public static string Node(NodePlan node, bool sentenceStart = true)
    {
        var kind = Kind(node.Kind);
        if (!sentenceStart)
        {
            kind = kind.ToLowerInvariant();
        }

        return kind + (string.IsNullOrEmpty(node.Name) ? "" : " " + ProcessEmitter.Xml(node.Name!)) + " (" + Bare(node.Id) + ")";
    }

    /// <summary><c>Sequence flow Flow_Yes from Gateway_InStock to Task_Review</c>.</summary>
    public static string Flow(FlowPlan flow, bool sentenceStart = true) =>
        (sentenceStart ? "Sequence flow " : "sequence flow ") + Bare(flow.Id) + " from " + Bare(flow.SourceId) + " to " + Bare(flow.TargetId);

    /// <summary>Text escaped for a comment, without the quotes <see cref="ProcessEmitter.Xml"/> puts around it (ids read better bare).</summary>
    private static string Bare(string text) => CommentText.Escape(text);

    /// <summary>"ServiceTask" → "Service task"; sub-processes keep their hyphen.</summary>
    private static string Kind(FlowNodeKind kind)
    {
        switch (kind)
        {
            case FlowNodeKind.SubProcess: return "Sub-process";
            case FlowNodeKind.AdHocSubProcess: return "Ad-hoc sub-process";
        }

        var name = kind.ToString();
        var builder = new StringBuilder(name.Length + 4).Append(name[0]);
        foreach (var c in name.Skip(1))
        {
            if (char.IsUpper(c))
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
