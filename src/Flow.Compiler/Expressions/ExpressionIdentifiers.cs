using System.Collections.Generic;

namespace Flow.Compiler.Expressions;

/// <summary>
/// The simple names an expression uses: identifiers outside string and character literals that
/// are not a member access (not after a '.'). A scan, not a parse: good enough to tell whether an
/// expression names a variable.
/// </summary>
public static class ExpressionIdentifiers
{
    public static IEnumerable<string> Read(string text)
    {
        var afterDot = false;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = SkipLiteral(text, i) + 1;
                afterDot = false;
            }
            else if (char.IsLetter(c) || c == '_' || (c == '@' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_')))
            {
                var start = c == '@' ? i + 1 : i;
                i = start;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (!afterDot)
                {
                    yield return text.Substring(start, i - start);
                }

                afterDot = false;
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                afterDot = false;
            }
            else
            {
                if (!char.IsWhiteSpace(c))
                {
                    afterDot = c == '.';
                }

                i++;
            }
        }
    }

    /// <summary>The index of the closing quote of the literal opening at <paramref name="start"/> (verbatim strings double their quotes).</summary>
    private static int SkipLiteral(string text, int start)
    {
        var quote = text[start];
        var verbatim = start > 0 && text[start - 1] == '@';
        for (var i = start + 1; i < text.Length; i++)
        {
            if (!verbatim && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (verbatim && i + 1 < text.Length && text[i + 1] == quote)
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return text.Length;
    }
}
