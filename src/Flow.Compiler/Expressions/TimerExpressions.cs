using System;
using Flow.Compiler.Model;

namespace Flow.Compiler.Expressions;

/// <summary>Whether a timer's text is a literal (ISO 8601) or a C# expression, and the C# of an expression.</summary>
public static class TimerExpressions
{
    /// <summary>Text with ${...} or #{...} is an expression over the data (as Camunda writes them); anything else is a literal.</summary>
    public static bool IsExpression(string text) =>
        text.IndexOf("${", StringComparison.Ordinal) >= 0 || text.IndexOf("#{", StringComparison.Ordinal) >= 0;

    /// <summary>The C# of an expression timer, column for column (the ${ and } become blanks, as for conditions).</summary>
    public static string ToCSharp(TimerValueText value) => JuelTranslator.ToCSharp(value.Value.Aligned);
}
