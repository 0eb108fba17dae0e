using System.Globalization;
using Flow.Compiler.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// Writes C# under <c>#line (l,c)-(l,c) offset "file.bpmn"</c> so that the C# compiler reports
/// errors in user expressions, and missing handlers, at their place in the .bpmn file.
/// </summary>
internal static class LineMappings
{
    /// <summary>The largest line a <c>#line</c> directive accepts (Roslyn; CS8938 above it).</summary>
    internal const int MaxLine = 16_707_565;

    /// <summary>The largest column (and character offset) a <c>#line</c> span directive accepts.</summary>
    internal const int MaxColumn = 65_536;

    /// <summary>
    /// Writes <paramref name="prefix"/> + <paramref name="text"/> + <paramref name="suffix"/>, mapping
    /// the first character of <paramref name="text"/> to the start of <paramref name="span"/>; later
    /// lines of the text map line by line, as in the file. Without <paramref name="restore"/>
    /// no <c>#line default</c> follows (the caller writes one after a run of mapped lines); the
    /// result says whether a directive was written.
    /// </summary>
    public static bool WriteMapped(SourceWriter writer, string path, SourceSpan span, string prefix, string text, string suffix, bool restore = true)
    {
        var line = writer.Indentation + prefix;
        var directive = Directive(path, span, line.Length);
        if (directive is not null)
        {
            writer.RawLine(directive);
        }

        // Lines as the XML parser (and so the span) counts them: a lone '\r' ends one too.
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var content = (i == 0 ? line : "") + lines[i] + (i == lines.Length - 1 ? suffix : "");
            writer.RawLine(content);
        }

        if (directive is not null && restore)
        {
            writer.RawLine("#line default");
        }

        return directive is not null;
    }

    /// <summary>Whether <see cref="WriteMapped"/> writes a directive for <paramref name="span"/> (C# cannot name every line).</summary>
    internal static bool Maps(SourceSpan span) => span.StartLine >= 1 && span.StartLine <= MaxLine;

    /// <summary>
    /// The directive for <paramref name="span"/>, within the limits C# puts on #line: a span
    /// directive where its columns fit, else a line directive (the line is still right), else none
    /// (a position past the last line C# can name is not mapped at all).
    /// </summary>
    internal static string? Directive(string path, SourceSpan span, int characterOffset)
    {
        if (!Maps(span))
        {
            return null;
        }

        var file = FileName(path);
        var endLine = System.Math.Min(System.Math.Max(span.EndLine, span.StartLine), MaxLine);
        var endColumn = System.Math.Min(System.Math.Max(span.EndColumn, span.StartColumn + 1), MaxColumn);
        if (span.StartColumn < 1 || span.StartColumn >= MaxColumn || characterOffset < 1 || characterOffset > MaxColumn
            || (endLine == span.StartLine && endColumn <= span.StartColumn))
        {
            return string.Format(CultureInfo.InvariantCulture, "#line {0} {1}", span.StartLine, file);
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "#line ({0}, {1}) - ({2}, {3}) {4} {5}",
            span.StartLine,
            span.StartColumn,
            endLine,
            endColumn,
            characterOffset,
            file);
    }

    /// <summary>
    /// The file name as a directive takes it: verbatim between quotes, with no escapes (a
    /// backslash is itself), so a quote cannot be written and a line end (CR, LF, U+0085, U+2028,
    /// U+2029) would end the directive. Those, and control, format and lone surrogate characters,
    /// become '_': the diagnostic then names a slightly different path, but the directive holds.
    /// </summary>
    internal static string FileName(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length + 2).Append('"');
        for (var i = 0; i < path.Length; i++)
        {
            builder.Append(path[i] == '"' || UnsafeCharacters.IsUnsafe(path, i) ? '_' : path[i]);
        }

        return builder.Append('"').ToString();
    }
}
