using Flow.Compiler.Rules;

namespace Flow.Compiler.Tests.Rules;

public class ConditionCoverageTests
{
    [Theory]
    [InlineData("${amount > 1000}", "${amount <= 1000}")]
    [InlineData("amount>1000", "amount <= 1000")]
    [InlineData("${x == 1}", "${x != 1}")]
    [InlineData("${a lt b}", "${a ge b}")]
    [InlineData("${approved}", "${!approved}")]
    [InlineData("#{approved}", "#{not approved}")]
    [InlineData("ok", "!(ok)")]
    [InlineData("${true}", "${anything}")]
    public void Complementary_pairs_are_exhaustive(string a, string b) =>
        Assert.True(ConditionCoverage.IsExhaustive(new[] { a, b }));

    [Theory]
    [InlineData("${amount > 1000}", "${amount < 1000}")]
    [InlineData("${amount > 1000}", "${total <= 1000}")]
    [InlineData("${a}", "${b}")]
    [InlineData("${notify}", "${fy}")]
    public void Other_pairs_are_not(string a, string b) =>
        Assert.False(ConditionCoverage.IsExhaustive(new[] { a, b }));
}
