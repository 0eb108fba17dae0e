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
}
