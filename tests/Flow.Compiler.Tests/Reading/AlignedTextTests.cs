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
    [InlineData("x &lt; 1 &amp;&amp; y", "x    < 1         && y")]
    [InlineData("items.Where(i =&gt; i.Length &gt; 3)", "items.Where(i =>    i.Length    > 3)")]
    [InlineData("p-&gt;x", "p->   x")]
    public void References_decode_in_place_keeping_later_columns(string raw, string expected)
    {
        var aligned = AlignedText.Decode(raw);

        Assert.Equal(expected, aligned);
        Assert.Equal(raw.Length, aligned.Length);
    }

    [Theory]
    [InlineData("name == \"Tom &amp; Jerry\"", "name == \"Tom & Jerry\"")]
    [InlineData("name == &quot;Tom &amp; Jerry&quot; &amp;&amp; ok", "name ==      \"Tom & Jerry\"         && ok")]
    [InlineData("c == '&lt;'", "c == '<'")]
    [InlineData("ok ?&quot;a&quot; : b", "ok ?     \"a\" : b")]
    public void References_inside_literals_decode_without_padding(string raw, string expected) =>
        Assert.Equal(expected, AlignedText.Decode(raw));
}
