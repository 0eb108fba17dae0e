using System.Text;

namespace Flow.Compiler.Expressions;

/// <summary>
/// Turns a condition as Camunda Modeler writes it into C#, keeping every character where it was
/// so that C# errors map back to the exact column in the .bpmn file: <c>${</c>/<c>#{</c> and the
/// closing <c>}</c> become spaces; JUEL's operator words become C# operators of the same width
/// (<c>and</c> → <c>&amp;&amp; </c>, <c>gt</c> → <c>&gt; </c>); 'single-quoted' strings become "double-quoted".
/// Only <c>empty x</c> changes width (to a call).
/// </summary>
public static class JuelTranslator
{
    public static string ToCSharp(string expression)
    {
        var chars = expression.ToCharArray();
        UnwrapDollarBraces(chars);

        var builder = new StringBuilder(chars.Length + 16);
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is '"' or '\'')
            {
                i = CopyString(chars, i, builder);
                continue;
            }

            if (IsWordStart(chars, i))
            {
                var end = i;
                while (end < chars.Length && (char.IsLetterOrDigit(chars[end]) || chars[end] == '_'))
                {
                    end++;
                }

                var word = new string(chars, i, end - i);
                if (word == "empty")
                {
                    i = TranslateEmpty(chars, end, builder) - 1;
                    continue;
                }

                builder.Append(Operator(word) ?? word);
                i = end - 1;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? Operator(string word) => word switch
    {
        "and" => "&& ",
        "or" => "||",
        "not" => "!  ",
        "eq" => "==",
        "ne" => "!=",
        "lt" => "< ",
        "gt" => "> ",
        "le" => "<=",
        "ge" => ">=",
        "div" => "/  ",
        "mod" => "%  ",
        _ => null,
    };

    /// <summary>Blanks a whole-expression <c>${...}</c> or <c>#{...}</c> wrapper in place.</summary>
    private static void UnwrapDollarBraces(char[] chars)
    {
        var first = 0;
        while (first < chars.Length && char.IsWhiteSpace(chars[first]))
        {
            first++;
        }

        var last = chars.Length - 1;
        while (last >= 0 && char.IsWhiteSpace(chars[last]))
        {
            last--;
        }

        if (last - first >= 2 && chars[first] is '$' or '#' && chars[first + 1] == '{' && chars[last] == '}')
        {
            chars[first] = ' ';
            chars[first + 1] = ' ';
            chars[last] = ' ';
        }
    }

    private static bool IsWordStart(char[] chars, int i) =>
        (char.IsLetter(chars[i]) || chars[i] == '_') && (i == 0 || !(char.IsLetterOrDigit(chars[i - 1]) || chars[i - 1] is '_' or '.' or '@'));

    /// <summary>Copies a string literal; a single-quoted one becomes double-quoted.</summary>
    private static int CopyString(char[] chars, int start, StringBuilder builder)
    {
        var quote = chars[start];
        builder.Append('"');
        var i = start + 1;
        for (; i < chars.Length && chars[i] != quote; i++)
        {
            if (chars[i] == '\\' && i + 1 < chars.Length)
            {
                builder.Append(chars[i]).Append(chars[++i]);
                continue;
            }

            builder.Append(quote == '\'' && chars[i] == '"' ? "\\\"" : chars[i].ToString());
        }

        builder.Append('"');
        return i;
    }

    /// <summary><c>empty a.b</c> → <c>global::Flow.Juel.IsEmpty(a.b)</c>.</summary>
    private static int TranslateEmpty(char[] chars, int afterWord, StringBuilder builder)
    {
        var i = afterWord;
        while (i < chars.Length && chars[i] == ' ')
        {
            i++;
        }

        var start = i;
        while (i < chars.Length && (char.IsLetterOrDigit(chars[i]) || chars[i] is '_' or '.'))
        {
            i++;
        }

        if (i == start)
        {
            builder.Append("empty");
            return afterWord;
        }

        builder.Append("global::Flow.Juel.IsEmpty(").Append(chars, start, i - start).Append(')');
        return i;
    }
}
