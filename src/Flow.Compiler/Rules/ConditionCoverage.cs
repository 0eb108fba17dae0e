using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Flow.Compiler.Rules;

/// <summary>
/// Recognises condition sets that obviously cover every case, so that FLOW2002 stays quiet for
/// them: a literal <c>true</c>, or two conditions where one is the negation of the other
/// (<c>a &gt; 1000</c> / <c>a &lt;= 1000</c>, <c>x</c> / <c>!x</c>). Anything subtler gets the warning;
/// a default flow is the robust answer.
/// </summary>
internal static class ConditionCoverage
{
    private static readonly Regex Comparison = new(
        @"^(?<left>.+?)(?<op>==|!=|<=|>=|<|>|\beq\b|\bne\b|\ble\b|\bge\b|\blt\b|\bgt\b)(?<right>.+)$",
        RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> Complement = new(StringComparer.Ordinal)
    {
        ["=="] = "!=", ["!="] = "==", ["<"] = ">=", [">="] = "<", [">"] = "<=", ["<="] = ">",
    };

    private static readonly Dictionary<string, string> WordOperators = new(StringComparer.Ordinal)
    {
        ["eq"] = "==", ["ne"] = "!=", ["lt"] = "<", ["gt"] = ">", ["le"] = "<=", ["ge"] = ">=",
    };

    public static bool IsExhaustive(IReadOnlyList<string> conditions)
    {
        var normalised = new List<string>(conditions.Count);
        foreach (var condition in conditions)
        {
            var text = Normalise(condition);
            if (text == "true")
            {
                return true;
            }

            normalised.Add(text);
        }

        // One pass with hash lookups, not a comparison of every pair (a split may have thousands of branches).
        var seen = new HashSet<string>(normalised, StringComparer.Ordinal);
        var comparisons = new HashSet<string>(StringComparer.Ordinal);
        var matches = new List<Match>();
        foreach (var text in normalised)
        {
            if (Negated(text) is { } negated && seen.Contains(negated))
            {
                return true;
            }

            if (Comparison.Match(text) is { Success: true } match)
            {
                matches.Add(match);
                comparisons.Add(Key(match, Operator(match)));
            }
        }

        foreach (var match in matches)
        {
            if (Complement.TryGetValue(Operator(match), out var complement) && comparisons.Contains(Key(match, complement)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Key(Match match, string op) =>
        match.Groups["left"].Value.Trim() + "\0" + op + "\0" + match.Groups["right"].Value.Trim();

    private static string Operator(Match match)
    {
        var op = match.Groups["op"].Value;
        return WordOperators.TryGetValue(op, out var symbol) ? symbol : op;
    }

    private static string? Negated(string text)
    {
        if (text.StartsWith("!", StringComparison.Ordinal))
        {
            return Unwrap(text.Substring(1));
        }

        return text.StartsWith("not", StringComparison.Ordinal) && text.Length > 3 && !char.IsLetterOrDigit(text[3])
            ? Unwrap(text.Substring(3))
            : null;
    }

    private static string Unwrap(string text)
    {
        text = text.Trim();
        return text.Length > 1 && text[0] == '(' && text[text.Length - 1] == ')' ? text.Substring(1, text.Length - 2) : text;
    }

    /// <summary>Strips <c>${...}</c> / <c>#{...}</c> wrappers and all white space.</summary>
    private static string Normalise(string condition)
    {
        var text = condition.Trim();
        if (text.Length > 3 && (text[0] == '$' || text[0] == '#') && text[1] == '{' && text[text.Length - 1] == '}')
        {
            text = text.Substring(2, text.Length - 3);
        }

        var builder = new System.Text.StringBuilder(text.Length);
        var previousWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                previousWasSpace = true;
                continue;
            }

            // Keep one space only between two word characters ("not x", "a gt b").
            if (previousWasSpace && builder.Length > 0 && char.IsLetterOrDigit(builder[builder.Length - 1]) && char.IsLetterOrDigit(c))
            {
                builder.Append(' ');
            }

            previousWasSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
