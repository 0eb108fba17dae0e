using System;
using System.Globalization;
using System.Text;

namespace Flow.Engine;

/// <summary>
/// A string a caller handed the engine (an id, a key, a message name), as an error message may
/// show it: control and format characters (line breaks, NUL, bidirectional overrides) escaped as
/// <c>\uXXXX</c> so a log line cannot be forged or reordered, and cut after
/// <see cref="MaxShown"/> characters so a megabyte key does not become a megabyte message.
/// </summary>
internal static class CallerText
{
    public const int MaxShown = 80;

    public static string Shown(string text)
    {
        if (text.Length <= MaxShown && !HasUnsafe(text))
        {
            return text;
        }

        var shown = new StringBuilder(MaxShown + 32);
        foreach (var c in text.Length > MaxShown ? text[..MaxShown] : text)
        {
            if (IsUnsafe(c))
            {
                shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                shown.Append(c);
            }
        }

        return text.Length > MaxShown ? shown.Append($"… ({text.Length} characters)").ToString() : shown.ToString();
    }

    public static bool HasUnsafe(string text)
    {
        // Printable ASCII (every id the engine makes): one vectorised scan, no per-character lookup.
        var first = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (first < 0)
        {
            return false;
        }

        foreach (var c in text.AsSpan(first))
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) =>
        c < ' ' || (c >= '\u007F' && (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator));
}
