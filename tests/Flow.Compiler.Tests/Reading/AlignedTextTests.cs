using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

public class AlignedTextTests
{
    [Theory]
    [InlineData("a &gt; b", "a    > b")]
    [InlineData("a &lt;= b", "a    <= b")]
    [InlineData("a &amp;&amp; b", "a         && b")]
    [InlineData("x &#62; 1", "x     > 1")]
    [InlineData("no entities", "no entities")]
    [InlineData("a & b", "a & b")]
    public void References_decode_in_place_keeping_later_columns(string raw, string expected)
    {
        var aligned = AlignedText.Decode(raw);

        Assert.Equal(expected, aligned);
        Assert.Equal(raw.Length, aligned.Length);
    }
}
