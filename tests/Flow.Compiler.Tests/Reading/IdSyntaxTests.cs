using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

public class IdSyntaxTests
{
    [Theory]
    [InlineData("Task_1")]
    [InlineData("_6-61")]
    [InlineData("sid-5FBB.x")]
    [InlineData("Prüfung")]
    [InlineData("中文")]
    [InlineData("a\u200Db")]
    [InlineData("a\u00B7b")]
    [InlineData("\uD840\uDC00x")]
    public void NCNames_are_accepted(string id) => Assert.True(IdSyntax.IsNCName(id));

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("-a")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("a\"b")]
    [InlineData("a'b")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a\u202Eb")]
    [InlineData("a\u2066b")]
    [InlineData("a\u200Fb")]
    [InlineData("a\tb")]
    [InlineData("a{b}")]
    public void Other_text_is_not_an_NCName(string id) => Assert.False(IdSyntax.IsNCName(id));
}
