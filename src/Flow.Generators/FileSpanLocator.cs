using System;
using System.Collections.Generic;
using Flow.Compiler.Text;

namespace Flow.Generators;

/// <summary>Maps 1-based (line, column) spans of a text to offsets.</summary>
internal sealed class FileSpanLocator
{
    private readonly string _path;
    private readonly int _length;
    private readonly List<int> _lineStarts = new() { 0 };

    public FileSpanLocator(string path, string text)
    {
        _path = path;
        _length = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public FileSpan Locate(SourceSpan span)
    {
        if (span.IsNone)
        {
            span = SourceSpan.At(1, 1, 0);
        }

        var start = Offset(span.StartLine, span.StartColumn);
        var end = Math.Max(start, Offset(span.EndLine, span.EndColumn));
        return new FileSpan(_path, start, end - start, span);
    }

    private int Offset(int line, int column)
    {
        var index = Math.Min(Math.Max(line, 1), _lineStarts.Count) - 1;
        return Math.Min(_lineStarts[index] + Math.Max(column, 1) - 1, _length);
    }
}
