using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// A typed variable: a member of the process data (from <c>flow:variable</c>, a property or a data
/// object with an item definition) or an output of a wait state (<c>flow:output</c>).
/// <paramref name="Type"/> is a C# type as written, or null when the diagram gives none.
/// </summary>
public sealed record VariableDeclaration(string Name, string? Type, SourceSpan Span);
