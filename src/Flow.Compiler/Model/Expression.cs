using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>An expression as written in the diagram (a condition or a script body).</summary>
/// <param name="Text">The text, XML-decoded.</param>
/// <param name="Language">The declared language (xsi:type / language attribute), if any.</param>
/// <param name="Span">Where the text itself starts and ends in the file.</param>
/// <param name="Aligned">The text decoded with every character at its column in the file (see AlignedText), for #line mapping.</param>
public sealed record Expression(string Text, string? Language, SourceSpan Span, string Aligned);
