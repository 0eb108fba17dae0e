using System;
using System.Collections.Generic;

namespace Flow.Compiler.Text;

/// <summary>
/// Offsets of line starts in a text, for turning (line, column) into offsets and back. Lines
/// end where the XML parser ends them (XML 1.0 §2.11): at "\r\n", a lone '\r' or '\n', so
/// that positions the parser reports land on the same characters in LF, CRLF, CR and mixed files.
/// </summary>
public sealed class LineIndex
{
    private readonly List<int> _starts = new() { 0 };

    public LineIndex(string text)
    {
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                _starts.Add(i + 1);
            }
        }
    }

    public string Text { get; }

    /// <summary>The offset of a 1-based (line, column), clamped to the text.</summary>
    public int Offset(int line, int column)
    {
        var index = Math.Min(Math.Max(line, 1), _starts.Count) - 1;
        return (int)Math.Min((long)_starts[index] + Math.Max(column, 1) - 1, Text.Length);
    }

    /// <summary>The 1-based (line, column) of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var index = _starts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _starts[index] + 1);
    }

    /// <summary>The span from one offset to another.</summary>
    public SourceSpan Span(int start, int end)
    {
        var (startLine, startColumn) = Position(start);
        var (endLine, endColumn) = Position(end);
        return new SourceSpan(startLine, startColumn, endLine, endColumn);
    }
}
