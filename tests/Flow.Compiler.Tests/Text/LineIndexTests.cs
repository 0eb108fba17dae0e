using Flow.Compiler.Text;

namespace Flow.Compiler.Tests.Text;

/// <summary>Lines end where the XML parser ends them: "\r\n", a lone '\r' or '\n' (issue 19: CR-only files compiled the wrong text).</summary>
public class LineIndexTests
{
    [Theory]
    [InlineData("a\nbc\nd", 5, 3, 1)]
    [InlineData("a\r\nbc\r\nd", 7, 3, 1)]
    [InlineData("a\rbc\rd", 5, 3, 1)]
    [InlineData("a\rb\r\nc\nd", 7, 4, 1)]
    [InlineData("a\rb\r\nc\nd", 3, 2, 2)]
    public void Positions_and_offsets_agree_for_every_line_end(string text, int offset, int line, int column)
    {
        var lines = new LineIndex(text);

        Assert.Equal((line, column), lines.Position(offset));
        Assert.Equal(offset, lines.Offset(line, column));
    }

    [Fact]
    public void A_line_and_column_far_past_the_end_clamp_to_the_text() =>
        Assert.Equal(3, new LineIndex("abc").Offset(1, int.MaxValue));
}
