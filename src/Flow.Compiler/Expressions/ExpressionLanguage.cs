using System;

namespace Flow.Compiler.Expressions;

/// <summary>Which expression and script languages we compile: C#, and JUEL-style conditions as Camunda writes them.</summary>
public static class ExpressionLanguage
{
    /// <summary>Condition languages accepted: none given, C#, or JUEL (translated to C#).</summary>
    public static bool IsSupportedConditionLanguage(string? language) =>
        string.IsNullOrWhiteSpace(language)
        || IsCSharp(language)
        || language!.Trim().Equals("juel", StringComparison.OrdinalIgnoreCase);

    /// <summary>Script formats accepted for script tasks.</summary>
    public static bool IsCSharp(string? language) =>
        language is not null && language.Trim().ToLowerInvariant() is "c#" or "csharp" or "cs" or "text/x-csharp";

    /// <summary>FEEL as Zeebe writes it: an expression starting with '='.</summary>
    public static bool IsFeel(string text) => text.TrimStart().StartsWith("=", StringComparison.Ordinal);
}
