using System.Text;

namespace Flow.Execution.Tests;

/// <summary>
/// Text read as JSON is transcoded to UTF-8 on the stack when short and in a pooled array when
/// long (issue 11); either way the reader must get exactly the text's UTF-8.
/// </summary>
public class JsonBufferTests
{
    [Theory]
    [InlineData("a", 1)]
    [InlineData("a", JsonBuffer.StackChars)]
    [InlineData("a", JsonBuffer.StackChars + 1)]
    [InlineData("\u20AC", JsonBuffer.StackChars)]
    [InlineData("\u20AC", JsonBuffer.StackChars + 1)]
    [InlineData("\U0001F600", JsonBuffer.StackChars / 2)]
    [InlineData("\U0001F600", (JsonBuffer.StackChars / 2) + 1)]
    public void The_reader_gets_the_exact_utf8_of_the_text(string repeated, int times)
    {
        var text = string.Concat(Enumerable.Repeat(repeated, times));

        var read = JsonBuffer.ReadUtf8(text, 0, static (utf8, _) => utf8.ToArray());

        Assert.Equal(Encoding.UTF8.GetBytes(text), read);
    }
}
