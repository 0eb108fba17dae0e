using System;
using System.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// Writes C# with indentation, like the System.Text.Json generator's SourceWriter: lines,
/// blocks, and a check that every block was closed. One tab per level: indentation was a tenth
/// of the generated text with four spaces, and an editor shows tabs as wide as the reader likes.
/// </summary>
public sealed class SourceWriter
{
    /// <summary>
    /// Deeper blocks are not indented further: indentation per line grows with the nesting, so
    /// deeply nested sub-processes and choices would make the code quadratic in the diagram.
    /// </summary>
    private const int MaxIndent = 12;
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append('\t', Math.Min(_indent, MaxIndent)).Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>A line written exactly as given, without indentation (for #line-mapped text).</summary>
    public SourceWriter RawLine(string text)
    {
        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>The indentation the next <see cref="Line(string)"/> gets.</summary>
    public string Indentation => new('\t', Math.Min(_indent, MaxIndent));

    public SourceWriter OpenBlock(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

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
