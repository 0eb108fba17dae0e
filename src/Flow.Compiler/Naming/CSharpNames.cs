using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Flow.Compiler.Naming;

/// <summary>Turns BPMN ids and names into C# identifiers, deterministically.</summary>
public static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(System.StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new",
        "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static",
        "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// An id as a member name, kept recognisable: characters C# does not allow become '_',
    /// a leading digit gets a '_' before it, keywords get '@'.
    /// </summary>
    public static string Member(string id)
    {
        var builder = new StringBuilder(id.Length + 1);
        foreach (var c in id)
        {
            builder.Append(IsIdentifierPart(c) ? c : '_');
        }

        if (builder.Length == 0 || !IsIdentifierStart(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var name = builder.ToString();
        return Keywords.Contains(name) ? "@" + name : name;
    }

    /// <summary>A name or id as a PascalCase type name: "order process" → "OrderProcess".</summary>
    public static string Type(string text)
    {
        var builder = new StringBuilder(text.Length);
        var upperNext = true;
        foreach (var c in text)
        {
            if (!IsIdentifierPart(c) || c == '_')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0 || !IsIdentifierStart(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>The class for a process: its name (or id) in PascalCase, ending in "Process".</summary>
    public static string ProcessClass(string id, string? name)
    {
        var type = Type(name ?? id);
        return type.IndexOf("Process", System.StringComparison.Ordinal) >= 0 ? type : type + "Process";
    }

    public static bool IsValidIdentifier(string text)
    {
        if (text.Length == 0 || Keywords.Contains(text) || !IsIdentifierStart(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsIdentifierPart(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidNamespace(string text)
    {
        foreach (var part in text.Split('.'))
        {
            if (!IsValidIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsIdentifierPart(char c)
    {
        switch (char.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.Format:
                return true;
            default:
                return false;
        }
    }
}
