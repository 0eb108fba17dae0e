using System.Text;
using Flow.Compiler.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// Diagram text inside a generated <c>///</c> comment. C# ends a line not only at CR and LF but
/// also at U+0085, U+2028 and U+2029, so a label holding one of them could end the comment and
/// inject code: every such character (see <see cref="UnsafeCharacters"/>) is written as a
/// visible <c>\uXXXX</c>; <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as XML entities.
/// </summary>
public static class CommentText
{
    /// <summary>The text quoted ('…') for a documentation comment.</summary>
    public static string Quoted(string text) => "'" + Escape(text) + "'";

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                default:
                    if (UnsafeCharacters.IsUnsafe(text, i))
                    {
                        UnsafeCharacters.AppendEscaped(builder, c);
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
