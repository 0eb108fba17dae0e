using Flow.Compiler;
using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Emission;

/// <summary>
/// The condition compiled is the condition written, mapped to its place, whatever the file's
/// line ends (issue 19: in a CR-only file <c>amount &gt; 10</c> became a slice of the namespace
/// declaration; with mixed line ends, <c>return ;</c>).
/// </summary>
public class LineEndTests
{
    public static IEnumerable<object[]> LineEnds() => new[]
    {
        new object[] { "LF", new[] { "\n" } },
        new object[] { "CRLF", new[] { "\r\n" } },
        new object[] { "CR", new[] { "\r" } },
        new object[] { "mixed", new[] { "\n", "\r", "\r\n" } },
        new object[] { "mixed, CR first", new[] { "\r", "\r\n", "\n" } },
    };

    [Theory]
    [MemberData(nameof(LineEnds))]
    public void The_condition_compiles_as_written_and_maps_to_its_line_and_column(string name, string[] newlines)
    {
        var text = ExtremeInputs.ConditionWithLineEnds(newlines);

        var result = FlowCompiler.Compile(new FlowFile("/order.bpmn", text, "Flows"));

        Assert.Empty(result.Diagnostics);
        var code = Assert.Single(result.Sources).Text;

        // Line 11 is '      <conditionExpression>amount &gt; 10</conditionExpression>': the text spans columns 28 to 42.
        Assert.Contains("#line (11, 28) - (11, 42)", code, StringComparison.Ordinal);
        Assert.Contains("return amount    > 10;", code, StringComparison.Ordinal);
        Assert.True(name.Length > 0);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void A_condition_over_several_lines_maps_line_by_line(string newline)
    {
        var text = ExtremeInputs.ConditionWithLineEnds("\n").Replace("amount &gt; 10", "amount &gt; 10" + newline + "        &amp;&amp; amount &lt; 99", StringComparison.Ordinal);

        var code = Assert.Single(FlowCompiler.Compile(new FlowFile("/order.bpmn", text, "Flows")).Sources).Text;

        Assert.Contains("#line (11, 28) - (12, 34)", code, StringComparison.Ordinal);
        Assert.Contains("return amount    > 10\n                && amount    < 99;\n", code, StringComparison.Ordinal);
    }
}
