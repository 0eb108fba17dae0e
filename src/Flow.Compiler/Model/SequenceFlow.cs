using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// A sequence flow. <c>sourceRef</c>/<c>targetRef</c> are the truth; a node's optional
/// <c>&lt;incoming&gt;</c>/<c>&lt;outgoing&gt;</c> children are not needed.
/// </summary>
public sealed record SequenceFlow(
    string Id,
    string? Name,
    string SourceRef,
    string TargetRef,
    string ScopeId,
    SourceSpan Span)
{
    public SourceSpan SourceRefSpan { get; init; }

    public SourceSpan TargetRefSpan { get; init; }

    public Expression? Condition { get; init; }
}
