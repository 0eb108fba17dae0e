using Flow.Compiler.Naming;

namespace Flow.Compiler.Tests.Naming;

/// <summary>Generated identifiers always parse and compare as C# compares them.</summary>
public class IdentifierSafetyTests
{
    [Theory]
    [InlineData("__arglist", "@__arglist")]
    [InlineData("__makeref", "@__makeref")]
    [InlineData("__reftype", "@__reftype")]
    [InlineData("__refvalue", "@__refvalue")]
    [InlineData("await", "@await")]
    [InlineData("var", "@var")]
    [InlineData("nameof", "@nameof")]
    [InlineData("Work\u200D", "Work")]
    [InlineData("W\u200Bo\u200Crk", "Work")]
    [InlineData("a\u202Eb", "ab")]
    [InlineData("\u200D", "_")]
    public void Members_are_escaped_and_lose_formatting_characters(string id, string expected) =>
        Assert.Equal(expected, CSharpNames.Member(id));

    [Fact]
    public void Type_names_lose_formatting_characters() =>
        Assert.Equal(CSharpNames.ProcessClass("order", "Order"), CSharpNames.ProcessClass("order", "Or\u200Dder"));

    [Theory]
    [InlineData("__arglist")]
    [InlineData("Work\u200D")]
    [InlineData("Wo\u202Erk")]
    public void User_identifiers_with_reserved_words_or_formatting_characters_are_invalid(string text) =>
        Assert.False(CSharpNames.IsValidIdentifier(text));

    [Fact]
    public void Long_ids_become_short_distinct_names()
    {
        var a = new string('a', 3000) + "1";
        var b = new string('a', 3000) + "2";

        Assert.True(CSharpNames.Member(a).Length <= CSharpNames.MaxGeneratedLength);
        Assert.True(CSharpNames.Type(a).Length <= CSharpNames.MaxGeneratedLength);
        Assert.NotEqual(CSharpNames.Member(a), CSharpNames.Member(b));
        Assert.Equal(CSharpNames.Member(a), CSharpNames.Member(a));
        Assert.False(CSharpNames.IsValidIdentifier(a));
        Assert.False(CSharpNames.IsValidNamespace("N." + a));
    }
}
