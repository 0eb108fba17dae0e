using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

/// <summary>
/// A condition is read whole, whatever markup it holds, with every character at its column
/// (issue 19: a comment inside a condition silently dropped the rest).
/// </summary>
public class ExpressionTextTests
{
    private static string File(string condition, string newline = "\n") =>
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">" + newline
        + "<process id=\"p\">" + newline
        + "<sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"b\"><conditionExpression language=\"csharp\">" + condition + "</conditionExpression></sequenceFlow>" + newline
        + "</process></definitions>";

    private static Flow.Compiler.Model.Expression Condition(string text)
    {
        var result = BpmnReader.Read(text);
        Assert.Empty(result.Diagnostics);
        return result.Document!.Processes[0].Flows[0].Condition!;
    }

    [Theory]
    [InlineData("approved <!-- note --> &amp;&amp; amount > 5", "approved                       && amount > 5", "approved  && amount > 5")]
    [InlineData("approved <?pi note?> &amp;&amp; amount > 5", "approved                     && amount > 5", "approved  && amount > 5")]
    [InlineData("a <![CDATA[< b]]> &amp;&amp; c", "a          < b            && c", "a < b && c")]
    [InlineData("<![CDATA[a < b]]><!-- why -->", "a < b", "a < b")]
    [InlineData("<!-- lead -->a", "a", "a")]
    public void Every_text_and_cdata_part_is_kept_with_markup_as_spaces(string condition, string aligned, string text)
    {
        var expression = Condition(File(condition));

        Assert.Equal(aligned, expression.Aligned);
        Assert.Equal(text, expression.Text);
    }

    [Fact]
    public void The_span_starts_at_the_first_part_and_columns_match_the_file()
    {
        var file = File("approved <!-- note --> &amp;&amp; amount > 5");
        var expression = Condition(file);
        var line = file.Split('\n')[2];

        Assert.Equal(3, expression.Span.StartLine);
        Assert.Equal(line.IndexOf("approved", StringComparison.Ordinal) + 1, expression.Span.StartColumn);
        Assert.Equal(line.IndexOf("</conditionExpression>", StringComparison.Ordinal) + 1, expression.Span.EndColumn);

        // Each character of the aligned text sits where the file has it (references decode in place).
        var start = expression.Span.StartColumn - 1;
        Assert.Equal(line.IndexOf("amount", StringComparison.Ordinal), start + expression.Aligned.IndexOf("amount", StringComparison.Ordinal));
        Assert.Equal(line.IndexOf("&amp;&amp;", StringComparison.Ordinal) + "&amp;&amp;".Length - 2, start + expression.Aligned.IndexOf("&&", StringComparison.Ordinal));
    }

    [Fact]
    public void A_comment_over_several_lines_keeps_its_line_ends()
    {
        var expression = Condition(File("a <!-- one\ntwo --> &amp;&amp; b"));

        Assert.Equal("a         \n                && b", expression.Aligned);
        Assert.Equal(expression.Span.StartLine + 1, expression.Span.EndLine);
    }

    [Fact]
    public void An_element_inside_a_condition_is_refused_at_the_element()
    {
        var result = BpmnReader.Read(File("a <b>&gt;</b> c"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FLOW0022", diagnostic.Id);
        Assert.Equal(3, diagnostic.Span.StartLine);
        Assert.Equal(File("a <b>&gt;</b> c").Split('\n')[2].IndexOf("<b>", StringComparison.Ordinal) + 1, diagnostic.Span.StartColumn);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Conditions_are_found_with_every_line_end(string newline)
    {
        var file = File("amount &gt; 10", newline);
        var expression = Condition(file);

        Assert.Equal("amount    > 10", expression.Aligned);
        Assert.Equal(3, expression.Span.StartLine);
        Assert.Equal(file.Split(newline)[2].IndexOf("amount", StringComparison.Ordinal) + 1, expression.Span.StartColumn);
    }
}
