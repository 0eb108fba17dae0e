using System;
using System.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// Writes C# with indentation, like the System.Text.Json generator's SourceWriter: lines,
/// blocks, and a check that every block was closed.
/// </summary>
public sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * IndentSize).Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter OpenBlock(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString()
    {
        if (_indent != 0)
        {
            throw new InvalidOperationException("A block was left open: indentation is " + _indent + ".");
        }

        return _builder.ToString();
    }
}
