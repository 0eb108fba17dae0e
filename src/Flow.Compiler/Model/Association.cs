using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// An association between two elements (any scope of the process). Only those between a
/// compensation boundary event and its handler carry behaviour; the others are annotations.
/// </summary>
public sealed record Association(string? Id, string SourceRef, string TargetRef, SourceSpan Span);
