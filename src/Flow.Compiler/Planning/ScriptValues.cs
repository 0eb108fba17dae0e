using System.Linq;
using Flow.Compiler.Expressions;
using Flow.Compiler.Model;

namespace Flow.Compiler.Planning;

/// <summary>The shape of a C# <c>camunda:script</c> used as a parameter's value.</summary>
internal enum ScriptShape
{
    /// <summary>No text.</summary>
    Empty,

    /// <summary>One expression (a trailing <c>;</c> allowed): its value is the parameter's.</summary>
    Expression,

    /// <summary>Statements with a <c>return</c>: the value returned is the parameter's.</summary>
    Statements,

    /// <summary>Several statements and no <c>return</c>: no value (FLOW1275).</summary>
    NoReturn,
}

/// <summary>
/// <c>camunda:script</c> values of input/output parameters. Camunda's rule is that a script's
/// value is its last statement's; in C# that is a single expression (<c>amount * 2</c>) or
/// statements that end in <c>return x;</c>. Scripts in other languages, or loaded from a
/// resource, are refused (FLOW1273, FLOW1274).
/// </summary>
internal static class ScriptValues
{
    /// <summary>Whether <paramref name="value"/> is a C# script with a value the generated code can compute.</summary>
    public static bool IsRunnable(ParameterValue value) =>
        value.Kind == ParameterValueKind.Script && ExpressionLanguage.IsCSharp(value.ScriptFormat) && value.ScriptResource is null
        && ShapeOf(value) is ScriptShape.Expression or ScriptShape.Statements;

    /// <summary>Whether a value holds, anywhere, something that is not built: a script that is not runnable, an unknown element or composite text.</summary>
    public static bool IsLeftOut(ParameterValue value) =>
        (value.Kind == ParameterValueKind.Script && !IsRunnable(value))
        || value.Kind is ParameterValueKind.Unknown or ParameterValueKind.Composite
        || value.Items.Any(IsLeftOut);

    public static ScriptShape ShapeOf(ParameterValue script) => script.Value is { } text ? ShapeOf(text.Text) : ScriptShape.Empty;

    /// <summary>The C# of a single-expression script, column-aligned, its trailing <c>;</c> blanked; null for any other shape.</summary>
    public static string? ExpressionCode(ParameterValue script)
    {
        if (script.Value is not { } text || ShapeOf(text.Text) != ScriptShape.Expression)
        {
            return null;
        }

        var aligned = text.Aligned;
        var end = aligned.TrimEnd().Length - 1;
        return end >= 0 && aligned[end] == ';' ? aligned.Substring(0, end) + " " + aligned.Substring(end + 1) : aligned;
    }

    /// <summary>Reads the text as C# tokens enough to tell an expression from statements: <c>return</c> and <c>;</c> outside strings, comments and braces.</summary>
    public static ScriptShape ShapeOf(string text)
    {
        var code = text.Trim();
        if (code.Length == 0)
        {
            return ScriptShape.Empty;
        }

        var returns = false;
        var nestedReturns = false;
        var semicolons = 0;
        var lastSemicolon = -1;
        var depth = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                i = End(code, code.IndexOf('\n', i), code.Length) - 1;
            }
            else if (c == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                i = End(code, code.IndexOf("*/", i + 2, System.StringComparison.Ordinal), code.Length) + 1;
            }
            else if (c == '"' || c == '\'')
            {
                i = SkipLiteral(code, i);
            }
            else if (c is '{' or '(' or '[')
            {
                depth++;
            }
            else if (c is '}' or ')' or ']')
            {
                depth--;
            }
            else if (depth == 0 && c == ';')
            {
                semicolons++;
                lastSemicolon = i;
            }
            else if (c == 'r' && IsWord(code, i, "return"))
            {
                returns |= depth == 0;
                nestedReturns |= depth > 0;
            }
        }

        // A return in a block is the script's when the script is a statement (if … else …), not
        // when it is inside an expression's lambda (items.Select(x => { return x; })).
        var statement = code[0] == '{' || StatementKeywords.Any(k => IsWord(code, 0, k));
        if (returns || (nestedReturns && statement))
        {
            return ScriptShape.Statements;
        }

        if (statement)
        {
            return ScriptShape.NoReturn;
        }

        var onlyTrailing = semicolons == 0 || (semicolons == 1 && code.Substring(lastSemicolon + 1).Trim().Length == 0);
        return onlyTrailing ? ScriptShape.Expression : ScriptShape.NoReturn;
    }

    private static readonly string[] StatementKeywords = { "if", "switch", "for", "foreach", "while", "do", "try", "using", "lock", "var" };

    private static int End(string code, int index, int fallback) => index < 0 ? fallback : index;

    /// <summary>The index of the closing quote of the literal opening at <paramref name="start"/> (verbatim strings double their quotes).</summary>
    private static int SkipLiteral(string code, int start)
    {
        var quote = code[start];
        var verbatim = start > 0 && code[start - 1] == '@';
        for (var i = start + 1; i < code.Length; i++)
        {
            if (!verbatim && code[i] == '\\')
            {
                i++;
            }
            else if (code[i] == quote)
            {
                if (verbatim && i + 1 < code.Length && code[i + 1] == quote)
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return code.Length;
    }

    private static bool IsWord(string code, int at, string word) =>
        string.CompareOrdinal(code, at, word, 0, word.Length) == 0
        && (at == 0 || !IsIdentifierPart(code[at - 1]))
        && (at + word.Length == code.Length || !IsIdentifierPart(code[at + word.Length]));

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '@';
}
