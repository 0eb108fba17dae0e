using Flow.Compiler.Text;

namespace Flow.Compiler.Expressions;

/// <summary>
/// Finds preprocessor directives in C# written into a diagram. A script or condition is pasted
/// into a method of the generated file, so an unterminated <c>#if</c> or <c>#region</c> (or a
/// <c>#line</c>, <c>#pragma</c>, <c>#define</c>) would act on the rest of that file, far from the
/// script. A directive is a line whose first non-blank character is '#'; C# ends lines at CR,
/// LF, U+0085, U+2028 and U+2029.
/// </summary>
public static class PreprocessorDirectives
{
    /// <summary>The first directive in <paramref name="text"/>, if any: its index and length ('#' and the word after it).</summary>
    public static (int Index, int Length)? Find(string text)
    {
        var atLineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsLineEnd(c))
            {
                atLineStart = true;
            }
            else if (atLineStart && c == '#')
            {
                var end = i + 1;
                while (end < text.Length && char.IsLetter(text[end]))
                {
                    end++;
                }

                return (i, end - i);
            }
            else if (!IsBlank(c))
            {
                atLineStart = false;
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="index"/> of an expression's text is in the file, the text starting at <paramref name="start"/>.</summary>
    public static SourceSpan Locate(string text, SourceSpan start, int index, int length)
    {
        var (line, column) = new LineIndex(text).Position(index);
        return SourceSpan.At(start.StartLine + line - 1, line == 1 ? start.StartColumn + column - 1 : column, length);
    }

    private static bool IsLineEnd(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\v' or '\f' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator;
}
