using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// The text of a condition or script as the file has it, column-aligned for <c>#line</c>
/// mapping: every text and CDATA part between the start and end tag, from the first part
/// that is not blank to the last. Markup between them keeps its place as spaces (line ends
/// kept): the delimiters of CDATA sections, comments and processing instructions. So
/// <c>a &lt;!-- note --&gt; &amp;&amp; b</c> is the whole condition with every character at
/// its column, never a prefix. Text parts are decoded by <see cref="AlignedText"/>; CDATA is
/// taken as written.
/// </summary>
internal static class ExpressionText
{
    private enum Part
    {
        Text,
        CData,
        Markup,
    }

    /// <summary>
    /// The aligned text and its span; null when the element holds nothing but blanks (or has no
    /// line information). <paramref name="nested"/> is set to the first child element, which
    /// the caller refuses: its text would otherwise vanish or be mistaken for code.
    /// </summary>
    public static (string Aligned, SourceSpan Span)? Read(XElement element, LineIndex lines, out XElement? nested)
    {
        nested = element.Elements().FirstOrDefault();
        var info = (IXmlLineInfo)element;
        if (nested is not null || element.IsEmpty || !info.HasLineInfo())
        {
            return null;
        }

        var text = lines.Text;
        var start = ContentStart(text, lines.Offset(info.LineNumber, info.LinePosition));
        if (start < 0)
        {
            return null;
        }

        var parts = Parts(text, start);
        var first = parts.FindIndex(p => IsFilled(text, p));
        if (first < 0)
        {
            return null;
        }

        var last = parts.FindLastIndex(p => IsFilled(text, p));
        var aligned = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            var (kind, from, to) = parts[i];
            var raw = text.Substring(from, to - from);
            aligned.Append(kind switch
            {
                Part.Text => AlignedText.Decode(raw),
                Part.CData => raw,
                _ => Blank(raw),
            });
        }

        return (aligned.ToString(), lines.Span(parts[first].From, parts[last].To));
    }

    /// <summary>The offset just past the start tag whose name begins at <paramref name="name"/>; -1 if it closes itself.</summary>
    private static int ContentStart(string text, int name)
    {
        var quote = '\0';
        for (var i = name; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return text[i - 1] == '/' ? -1 : i + 1;
            }
        }

        return -1;
    }

    /// <summary>The parts of the content from <paramref name="start"/> to the end tag (the element has no child elements).</summary>
    private static List<(Part Kind, int From, int To)> Parts(string text, int start)
    {
        var parts = new List<(Part, int, int)>();
        var i = start;
        while (i < text.Length)
        {
            if (text[i] != '<')
            {
                var end = IndexOrEnd(text, "<", i);
                parts.Add((Part.Text, i, end));
                i = end;
            }
            else if (At(text, i, "<![CDATA["))
            {
                var end = IndexOrEnd(text, "]]>", i + 9);
                parts.Add((Part.Markup, i, i + 9));
                parts.Add((Part.CData, i + 9, end));
                parts.Add((Part.Markup, end, System.Math.Min(end + 3, text.Length)));
                i = end + 3;
            }
            else if (At(text, i, "<!--") || At(text, i, "<?"))
            {
                var terminator = text[i + 1] == '!' ? "-->" : "?>";
                var end = System.Math.Min(IndexOrEnd(text, terminator, i + 2) + terminator.Length, text.Length);
                parts.Add((Part.Markup, i, end));
                i = end;
            }
            else
            {
                break;   // the end tag
            }
        }

        return parts;
    }

    private static bool IsFilled(string text, (Part Kind, int From, int To) part)
    {
        if (part.Kind == Part.Markup)
        {
            return false;
        }

        for (var i = part.From; i < part.To; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Markup as spaces, keeping its line ends so later lines stay where they are.</summary>
    private static string Blank(string raw)
    {
        var chars = raw.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is not ('\r' or '\n'))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static bool At(string text, int at, string token) =>
        string.CompareOrdinal(text, at, token, 0, token.Length) == 0;

    private static int IndexOrEnd(string text, string token, int from)
    {
        var index = text.IndexOf(token, from, System.StringComparison.Ordinal);
        return index < 0 ? text.Length : index;
    }
}
