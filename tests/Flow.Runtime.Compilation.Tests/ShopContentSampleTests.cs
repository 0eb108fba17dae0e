using Shop.Content;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>Runs samples/Shop.Content's story in process and checks it shows each outcome it claims.</summary>
public class ShopContentSampleTests
{
    [Fact]
    public async Task The_sample_shows_the_new_rule_serving_the_invalid_edit_refused_and_the_old_version_unloading()
    {
        var output = new StringWriter();
        var exitCode = await ContentStory.RunAsync(output).WaitAsync(TimeSpan.FromSeconds(90));
        var text = output.ToString();

        Assert.True(exitCode == 0, text);
        Assert.Contains("OUTCOME new-rule: v2 serves new orders", text, StringComparison.Ordinal);
        Assert.Contains("an order of 80.00 on v1 pays 80.00; on v2 it pays 72.00", text, StringComparison.Ordinal);
        Assert.Matches(@"OUTCOME invalid-edit: refused at line \d+, column \d+; v2 still serves", text);
        Assert.Contains("CS0103", text, StringComparison.Ordinal);
        Assert.Contains("Unloaded event: Unloaded order v1", text, StringComparison.Ordinal);
        Assert.Contains("OUTCOME unloaded", text, StringComparison.Ordinal);
    }
}
