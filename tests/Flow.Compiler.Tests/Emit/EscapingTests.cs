using System.Globalization;
using Flow.Compiler.Emit;

namespace Flow.Compiler.Tests.Emit;

/// <summary>Diagram text in generated comments and literals cannot leave them.</summary>
public class EscapingTests
{
    /// <summary>Characters that end a C# line, or hide or reorder what a reader sees.</summary>
    private static readonly char[] Dangerous =
    {
        '\r', '\n', '\u0085', '\u2028', '\u2029', '\0', '\u001B', '\u007F', '\t', '\u000B', '\u000C',
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
        '\u200B', '\u200C', '\u200D', '\uFEFF', '\uD800', '\uDC00',
    };

    [Fact]
    public void A_comment_keeps_no_line_end_control_or_bidi_character()
    {
        foreach (var c in Dangerous)
        {
            var escaped = CommentText.Escape("a" + c + "b");
            Assert.Equal("a\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + "b", escaped);
        }
    }

    [Fact]
    public void A_comment_escapes_xml_and_keeps_ordinary_text()
    {
        Assert.Equal("'a &lt;/summary&gt; &amp; */ \"q\" Prüfung 中 😀'", CommentText.Quoted("a </summary> & */ \"q\" Prüfung 中 😀"));
    }

    [Fact]
    public void Random_text_never_leaves_a_comment_or_a_literal()
    {
        var random = new Random(2028);
        const string Alphabet = "ab\"'\\/*#<>&{}\r\n\t\u0085\u2028\u2029\u202E\u2066\u200D\u200F\uFEFF\uD83D\uDE00\uD800\u00E9";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

            var comment = CommentText.Escape(text);
            var literal = CSharpLiterals.String(text);

            Assert.DoesNotContain(comment, c => c < ' ' || c is '\u0085' or '\u2028' or '\u2029' or '\u202E' or '\u2066' or '\u200D' or '\u200F' or '\uFEFF' or '<' or '>');
            Assert.All(literal, c => Assert.InRange(c, ' ', '~'));
            Assert.Equal(text, Unescape(literal));
        }
    }

    /// <summary>Reads a regular C# literal back (the escapes <see cref="CSharpLiterals.String"/> writes).</summary>
    private static string Unescape(string literal)
    {
        Assert.StartsWith("\"", literal, StringComparison.Ordinal);
        Assert.EndsWith("\"", literal, StringComparison.Ordinal);
        var builder = new System.Text.StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] != '\\')
            {
                Assert.NotEqual('"', literal[i]);
                builder.Append(literal[i]);
                continue;
            }

            var kind = literal[++i];
            switch (kind)
            {
                case 'u':
                    builder.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                default: builder.Append(kind); break;
            }
        }

        return builder.ToString();
    }
}
