using Flow.Compiler.Expressions;
using Flow.Compiler.Text;

namespace Flow.Compiler.Tests.Expressions;

public class PreprocessorDirectivesTests
{
    [Theory]
    [InlineData("#region x\nx = 1;", 0, 7)]
    [InlineData("x = 1;\n  #if DEBUG\nx = 2;", 9, 3)]
    [InlineData("x = 1;\u2028#pragma warning disable", 7, 7)]
    [InlineData("x = 1;\u0085#line 1", 7, 5)]
    [InlineData("x = 1;\r#endregion", 7, 10)]
    public void Directives_are_found_after_any_CSharp_line_end(string text, int index, int length) =>
        Assert.Equal((index, length), PreprocessorDirectives.Find(text));

    [Theory]
    [InlineData("x = \"#region\";")]
    [InlineData("x = 1; // #if")]
    [InlineData("amount > 10")]
    public void A_hash_that_does_not_start_a_line_is_not_a_directive(string text) =>
        Assert.Null(PreprocessorDirectives.Find(text));

    [Fact]
    public void A_directive_is_located_in_the_file() =>
        Assert.Equal(SourceSpan.At(11, 3, 3), PreprocessorDirectives.Locate("x = 1;\n  #if DEBUG", new SourceSpan(10, 20, 11, 11), 9, 3));
}
