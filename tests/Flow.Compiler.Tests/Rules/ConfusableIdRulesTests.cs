using Flow.Compiler.Rules;

namespace Flow.Compiler.Tests.Rules;

public class ConfusableIdRulesTests
{
    [Theory]
    [InlineData("T\u0430sk", "Task")]                 // Cyrillic small a
    [InlineData("\u0420\u0430y", "Pay")]              // Cyrillic capital Er, small a
    [InlineData("\u039Frder", "Order")]               // Greek capital omicron
    [InlineData("\uFF34ask", "Task")]                 // fullwidth T (NFKC)
    [InlineData("\uFB01le", "file")]                  // fi ligature (NFKC)
    public void Look_alikes_have_the_latin_skeleton(string id, string skeleton) =>
        Assert.Equal(skeleton, ConfusableIdRules.Skeleton(id));

    [Theory]
    [InlineData("task")]
    [InlineData("\u0416uk")]   // Cyrillic Zhe looks like no Latin letter
    [InlineData("Task_1")]
    public void Other_ids_keep_their_letters(string id) =>
        Assert.Equal(id, ConfusableIdRules.Skeleton(id));
}
