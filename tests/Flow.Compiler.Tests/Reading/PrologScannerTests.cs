using System.Diagnostics;
using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

/// <summary>The DOCTYPE search in the prolog is one linear pass (issue 19: a regex took exponential time per processing instruction).</summary>
public class PrologScannerTests
{
    [Theory]
    [InlineData("<!DOCTYPE x><x/>", 0)]
    [InlineData("\uFEFF <?xml version=\"1.0\"?>\n<!-- c --><?pi?>\r\n<!DOCTYPE x><x/>", 42)]
    [InlineData("<x/><!DOCTYPE x>", null)]
    [InlineData("<!-- never closed <!DOCTYPE x>", null)]
    [InlineData("<?pi <!DOCTYPE x>", null)]
    [InlineData("", null)]
    public void Finds_a_doctype_after_declaration_comments_and_instructions_only(string text, int? offset) =>
        Assert.Equal(offset, PrologScanner.DoctypeOffset(text));

    [Fact]
    public async Task Thousands_of_processing_instructions_take_no_time()
    {
        var text = string.Concat(Enumerable.Repeat("<?pi x?>", 100_000)) + "<!-- -->" + "<!DOCTYPE";
        var watch = Stopwatch.StartNew();
        var offset = await Task.Run(() => PrologScanner.DoctypeOffset(text)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(text.Length - "<!DOCTYPE".Length, offset);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }
}
