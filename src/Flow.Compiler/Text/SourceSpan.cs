namespace Flow.Compiler.Text;

/// <summary>
/// A place in a BPMN file, 1-based like editors and XML parsers. The end is exclusive
/// (the column just after the token), so an IDE underlines exactly the element's tag name.
/// </summary>
public readonly record struct SourceSpan(int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static SourceSpan None => default;

    public bool IsNone => StartLine == 0;

    /// <summary>A span of <paramref name="length"/> characters on one line.</summary>
    public static SourceSpan At(int line, int column, int length) =>
        new(line, column, line, column + length);

    public override string ToString() => $"({StartLine},{StartColumn})";
}
