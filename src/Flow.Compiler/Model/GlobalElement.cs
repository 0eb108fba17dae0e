using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// A root element such as a message, signal, error or item definition. <paramref name="Detail"/>
/// holds the one attribute that matters for the kind (an item definition's <c>structureRef</c>,
/// an error's <c>errorCode</c>, an escalation's <c>escalationCode</c>).
/// </summary>
public sealed record GlobalElement(string Id, string? Name, GlobalElementKind Kind, SourceSpan Span, string? Detail = null);
