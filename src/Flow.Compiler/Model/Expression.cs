using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>An expression as written in the diagram (a condition or a script body).</summary>
/// <param name="Text">The text, unchanged.</param>
/// <param name="Language">The declared language (xsi:type / language attribute), if any.</param>
/// <param name="Span">Where the text itself starts and ends in the file.</param>
public sealed record Expression(string Text, string? Language, SourceSpan Span);
