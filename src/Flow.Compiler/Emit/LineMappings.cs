using System.Globalization;
using Flow.Compiler.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// Writes C# under <c>#line (l,c)-(l,c) offset "file.bpmn"</c> so that the C# compiler reports
/// errors in user expressions, and missing handlers, at their place in the .bpmn file.
/// </summary>
internal static class LineMappings
{
    /// <summary>
    /// Writes <paramref name="prefix"/> + <paramref name="text"/> + <paramref name="suffix"/>, mapping
    /// the first character of <paramref name="text"/> to the start of <paramref name="span"/>; later
    /// lines of the text map line by line, as in the file.
    /// </summary>
    public static void WriteMapped(SourceWriter writer, string path, SourceSpan span, string prefix, string text, string suffix)
    {
        var line = writer.Indentation + prefix;
        writer.RawLine(Directive(path, span, line.Length));
        // Lines as the XML parser (and so the span) counts them: a lone '\r' ends one too.
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var content = (i == 0 ? line : "") + lines[i] + (i == lines.Length - 1 ? suffix : "");
            writer.RawLine(content);
        }

        writer.RawLine("#line default");
    }

    private static string Directive(string path, SourceSpan span, int characterOffset) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "#line ({0}, {1}) - ({2}, {3}) {4} \"{5}\"",
            span.StartLine,
            span.StartColumn,
            span.EndLine,
            System.Math.Max(span.EndColumn, span.StartColumn + 1),
            characterOffset,
            path.Replace("\"", ""));
}
