using System.Globalization;
using System.Text;

namespace Flow.Compiler.Text;

/// <summary>
/// Characters of diagram text that must never reach generated C# (or a message) as themselves:
/// C# ends a line at CR, LF, U+0085, U+2028 and U+2029, so one of them ends a comment; control,
/// format (bidi controls, zero-width characters) and lone surrogate characters are invisible or
/// reorder what a reader sees. Written as a visible <c>\uXXXX</c> instead.
/// </summary>
public static class UnsafeCharacters
{
    public static bool IsUnsafe(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.Control: // includes CR, LF, U+0085
            case UnicodeCategory.Format: // bidi controls, zero-width characters
            case UnicodeCategory.LineSeparator: // U+2028
            case UnicodeCategory.ParagraphSeparator: // U+2029
                return true;
            default:
                return false;
        }
    }

    /// <summary>Appends the character at <paramref name="index"/> as <c>\uXXXX</c>.</summary>
    public static StringBuilder AppendEscaped(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    /// <summary>The text with every unsafe character as <c>\uXXXX</c> (for messages).</summary>
    public static string Visible(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text, i))
            {
                AppendEscaped(builder, text[i]);
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
