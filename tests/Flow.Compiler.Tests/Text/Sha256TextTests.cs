using System.Text;
using Flow.Compiler.Text;

namespace Flow.Compiler.Tests.Text;

/// <summary>The streamed hash must equal the hash of the concatenated text (hashes name deployed versions).</summary>
public class Sha256TextTests
{
    public static TheoryData<int> Lengths => new() { 0, 1, 4095, 4096, 4097, 8192, 10_001 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Equals_the_hash_of_the_whole_text_at_every_buffer_boundary(int length)
    {
        var text = new string(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))).ToArray());
        using var hasher = new Sha256Text();

        Assert.Equal(FlowCompiler.Sha256Hex(text), hasher.Append(text).ToHex());
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    public void Keeps_a_surrogate_pair_split_across_two_buffers_and_non_ascii_text(int prefix)
    {
        // U+1F600 as a surrogate pair whose halves fall either side of the 4,096-char buffer.
        var text = new string('x', prefix) + "\U0001F600 Größe 注文 " + new string('y', 5000) + "\U0001F600";
        using var byString = new Sha256Text();
        using var byChar = new Sha256Text();
        foreach (var c in text)
        {
            byChar.Append(c);
        }

        Assert.Equal(FlowCompiler.Sha256Hex(text), byString.Append(text).ToHex());
        Assert.Equal(FlowCompiler.Sha256Hex(text), byChar.ToHex());
    }

    [Fact]
    public void Pieces_hash_as_their_concatenation_and_a_lone_surrogate_as_utf8_does()
    {
        var pieces = new[] { "\u0001{urn:x}task", "\u0002id=", "A", null, "\ud800", "end" };
        using var hasher = new Sha256Text();
        foreach (var piece in pieces)
        {
            hasher.Append(piece);
        }

        Assert.Equal(FlowCompiler.Sha256Hex(string.Concat(pieces)), hasher.ToHex());
        Assert.Equal(Encoding.UTF8.GetBytes("\ud800"), Encoding.UTF8.GetBytes("\ufffd"));
    }
}
