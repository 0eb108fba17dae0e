using System;
using Flow.Compiler.Text;

namespace Flow.Generators;

/// <summary>Turns the compiler's 1-based spans into offsets in one file, for Roslyn locations.</summary>
internal sealed class FileSpanLocator
{
    private readonly string _path;
    private readonly LineIndex _lines;

    public FileSpanLocator(string path, string text)
    {
        _path = path;
        _lines = new LineIndex(text);
    }

    public FileSpan Locate(SourceSpan span)
    {
        if (span.IsNone)
        {
            span = SourceSpan.At(1, 1, 0);
        }

        var start = _lines.Offset(span.StartLine, span.StartColumn);
        var end = Math.Max(start, _lines.Offset(span.EndLine, span.EndColumn));
        return new FileSpan(_path, start, end - start, span);
    }
}
