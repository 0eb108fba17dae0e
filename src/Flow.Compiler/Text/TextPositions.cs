namespace Flow.Compiler.Text;

/// <summary>Converts between 1-based (line, column) positions and offsets in a text.</summary>
public static class TextPositions
{
    /// <summary>The offset of (line, column), or -1 if the text has no such position.</summary>
    public static int ToOffset(string text, int line, int column)
    {
        var currentLine = 1;
        var offset = 0;
        while (currentLine < line)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0)
            {
                return -1;
            }

            offset = next + 1;
            currentLine++;
        }

        var result = offset + column - 1;
        return result <= text.Length ? result : -1;
    }

    /// <summary>The 1-based (line, column) of an offset.</summary>
    public static (int Line, int Column) FromOffset(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
