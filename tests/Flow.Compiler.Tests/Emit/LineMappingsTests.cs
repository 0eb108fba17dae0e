using Flow.Compiler.Emit;
using Flow.Compiler.Text;

namespace Flow.Compiler.Tests.Emit;

public class LineMappingsTests
{
    [Fact]
    public void A_span_within_the_limits_is_a_span_directive_with_a_safe_file_name() =>
        Assert.Equal(
            "#line (3, 5) - (3, 9) 12 \"C:\\a _b_\u00e9_____.bpmn\"",
            LineMappings.Directive("C:\\a \"b\"\u00e9\u2028\u0085\r\u202E\u200D.bpmn", new SourceSpan(3, 5, 3, 9), 12));

    [Fact]
    public void The_end_is_clamped_to_the_largest_column_and_line()
    {
        Assert.Equal("#line (10, 5) - (10, 65536) 8 \"f.bpmn\"", LineMappings.Directive("f.bpmn", new SourceSpan(10, 5, 10, 90_000), 8));
        Assert.Equal("#line (16707565, 5) - (16707565, 9) 8 \"f.bpmn\"", LineMappings.Directive("f.bpmn", new SourceSpan(16_707_565, 5, 16_707_565, 9), 8));
        Assert.Equal("#line (16707000, 5) - (16707565, 9) 8 \"f.bpmn\"", LineMappings.Directive("f.bpmn", new SourceSpan(16_707_000, 5, 16_800_000, 9), 8));
    }

    [Fact]
    public void A_start_column_beyond_the_limit_maps_the_line_only() =>
        Assert.Equal("#line 10 \"f.bpmn\"", LineMappings.Directive("f.bpmn", new SourceSpan(10, 70_000, 10, 70_010), 8));

    [Fact]
    public void A_line_beyond_16707565_is_not_mapped() =>
        Assert.Null(LineMappings.Directive("f.bpmn", new SourceSpan(16_707_566, 1, 16_707_566, 5), 8));
}
