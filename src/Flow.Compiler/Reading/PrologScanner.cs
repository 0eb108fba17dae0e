namespace Flow.Compiler.Reading;

/// <summary>
/// Finds a <c>&lt;!DOCTYPE</c> in the prolog (after an optional BOM, white space, the XML
/// declaration, comments and processing instructions) in one forward pass: the file is
/// untrusted, so no backtracking regular expression (one took exponential time in the number
/// of processing instructions).
/// </summary>
internal static class PrologScanner
{
    public static int? DoctypeOffset(string text)
    {
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (At(text, i, "<?"))
            {
                i = After(text, i + 2, "?>");
            }
            else if (At(text, i, "<!--"))
            {
                i = After(text, i + 4, "-->");
            }
            else
            {
                return At(text, i, "<!DOCTYPE") ? i : null;
            }

            if (i < 0)
            {
                return null;
            }
        }

        return null;
    }

    private static bool At(string text, int at, string token) =>
        string.CompareOrdinal(text, at, token, 0, token.Length) == 0;

    /// <summary>The offset just past the next <paramref name="terminator"/>, or -1.</summary>
    private static int After(string text, int from, string terminator)
    {
        var end = text.IndexOf(terminator, from, System.StringComparison.Ordinal);
        return end < 0 ? -1 : end + terminator.Length;
    }
}
