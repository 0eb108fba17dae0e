using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>A data object, data store reference or property declared in a process or sub-process.</summary>
public sealed record DataElement(
    string Id,
    string? Name,
    DataElementKind Kind,
    string ScopeId,
    SourceSpan Span)
{
    /// <summary>The <c>itemSubjectRef</c> (an itemDefinition id), if any.</summary>
    public string? ItemSubjectRef { get; init; }

    public bool IsCollection { get; init; }
}
