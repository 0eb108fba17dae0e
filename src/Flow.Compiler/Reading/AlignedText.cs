using System.Globalization;
using System.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Decodes XML character references in raw text while keeping every other character at its
/// column: a run of references (<c>&amp;lt;=</c> is "&amp;lt;" then '=') becomes its characters,
/// preceded by as many spaces as the run was longer. So <c>a &amp;lt;= b</c> becomes
/// <c>a    &lt;= b</c> and C# errors after it still point at the right column of the .bpmn.
/// Inside a string or character literal no spaces are added (they would change the value);
/// columns after it on that line then shift.
/// </summary>
internal static class AlignedText
{
    public static string Decode(string raw)
    {
        if (raw.IndexOf('&') < 0)
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        var quote = '\0';
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != '&' || !TryReference(raw, i, out _, out _))
            {
                quote = Track(quote, raw[i], i > 0 ? raw[i - 1] : '\0');
                builder.Append(raw[i++]);
                continue;
            }

            // A run of consecutive references.
            var decoded = new StringBuilder();
            var start = i;
            while (i < raw.Length && raw[i] == '&' && TryReference(raw, i, out var value, out var length))
            {
                decoded.Append(value);
                i += length;
            }

            // Right after an operator character the padding goes after the run instead: spaces
            // between '=' and '&gt;' would split the lambda arrow "=>" (and "->") into two tokens.
            // Not when the run opens a literal: the spaces would land inside it.
            var padding = quote == '\0' ? (i - start) - decoded.Length : 0;
            var padAfter = builder.Length > 0 && IsOperator(builder[builder.Length - 1])
                && decoded.ToString().IndexOfAny(Quotes) < 0;
            if (!padAfter)
            {
                builder.Append(' ', padding);
            }

            foreach (var c in decoded.ToString())
            {
                quote = Track(quote, c, builder.Length > 0 ? builder[builder.Length - 1] : '\0');
                builder.Append(c);
            }

            if (padAfter)
            {
                builder.Append(' ', padding);
            }
        }

        return builder.ToString();
    }

    private static readonly char[] Quotes = { '"', '\'' };

    private static bool IsOperator(char c) => c is '=' or '-' or '!' or '+' or '*' or '/' or '%' or '^' or '|' or '?' or ':';

    /// <summary>Enters or leaves a "..." or '...' literal (a backslash escapes the quote).</summary>
    private static char Track(char quote, char c, char previous) =>
        c is '"' or '\'' && previous != '\\'
            ? quote == '\0' ? c : quote == c ? '\0' : quote
            : quote;

    private static bool TryReference(string raw, int at, out string value, out int length)
    {
        value = "";
        length = 0;
        var end = raw.IndexOf(';', at);
        if (end < 0 || end - at > 10)
        {
            return false;
        }

        var name = raw.Substring(at + 1, end - at - 1);
        length = end - at + 1;
        switch (name)
        {
            case "lt": value = "<"; return true;
            case "gt": value = ">"; return true;
            case "amp": value = "&"; return true;
            case "quot": value = "\""; return true;
            case "apos": value = "'"; return true;
        }

        if (name.Length > 1 && name[0] == '#')
        {
            var hex = name[1] is 'x' or 'X';
            if (int.TryParse(hex ? name.Substring(2) : name.Substring(1), hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is > 0 and <= 0x10FFFF)
            {
                value = char.ConvertFromUtf32(code);
                return true;
            }
        }

        return false;
    }
}
