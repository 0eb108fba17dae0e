using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Flow.Compiler.Text;

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

        // Undocumented keywords: `public const string __arglist` does not parse.
        "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    /// <summary>
    /// Contextual keywords: identifiers C# accepts in most places but not all (a method named
    /// <c>await</c> cannot be called inside an async method), so generated names escape them.
    /// </summary>
    private static readonly HashSet<string> ContextualKeywords = new(System.StringComparer.Ordinal)
    {
        "add", "allows", "alias", "and", "args", "ascending", "async", "await", "by", "descending", "dynamic",
        "equals", "extension", "field", "file", "from", "get", "global", "group", "init", "into", "join", "let",
        "managed", "nameof", "nint", "not", "notnull", "nuint", "on", "or", "orderby", "partial", "record",
        "remove", "required", "scoped", "select", "set", "unmanaged", "value", "var", "when", "where", "with", "yield",
    };

    /// <summary>Generated names longer than this are cut and end in a hash of the whole text (CS7013 stops at 1,024 UTF-8 bytes).</summary>
    internal const int MaxGeneratedLength = 128;

    /// <summary>Identifiers written by the user (handlers, variables, options) longer than this many UTF-8 bytes are refused.</summary>
    internal const int MaxIdentifierBytes = 500;

    /// <summary>
    /// An id as a member name, kept recognisable: characters C# does not allow become '_',
    /// formatting characters (which C# ignores in identifiers) are dropped, a leading digit gets
    /// a '_' before it, keywords and contextual keywords get '@', a very long id is shortened.
    /// </summary>
    public static string Member(string id)
    {
        var builder = new StringBuilder(id.Length + 1);
        foreach (var c in id)
        {
            if (!IsFormatting(c))
            {
                builder.Append(IsIdentifierPart(c) ? c : '_');
            }
        }

        if (builder.Length == 0 || !IsIdentifierStart(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return Escape(Shorten(builder.ToString(), id));
    }

    /// <summary>The identifier with '@' when it is a keyword or contextual keyword.</summary>
    public static string Escape(string identifier) =>
        Keywords.Contains(identifier) || ContextualKeywords.Contains(identifier) ? "@" + identifier : identifier;

    /// <summary>The identifier as C# compares it: without formatting characters (e.g. U+200D ZERO WIDTH JOINER).</summary>
    public static string Normalize(string identifier)
    {
        foreach (var c in identifier)
        {
            if (IsFormatting(c))
            {
                var builder = new StringBuilder(identifier.Length);
                foreach (var d in identifier)
                {
                    if (!IsFormatting(d))
                    {
                        builder.Append(d);
                    }
                }

                return builder.ToString();
            }
        }

        return identifier;
    }

    /// <summary>A name or id as a PascalCase type name: "order process" → "OrderProcess".</summary>
    public static string Type(string text)
    {
        var builder = new StringBuilder(text.Length);
        var upperNext = true;
        foreach (var c in text)
        {
            if (IsFormatting(c))
            {
                continue;
            }

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

        return Shorten(builder.ToString(), text);
    }

    /// <summary>The class for a process: its name (or id) in PascalCase, ending in "Process".</summary>
    public static string ProcessClass(string id, string? name)
    {
        var type = Type(name ?? id);
        return type.IndexOf("Process", System.StringComparison.Ordinal) >= 0 ? type : type + "Process";
    }

    /// <summary>
    /// Whether the user's text can be used as written as a C# identifier: not a keyword, not
    /// longer than <see cref="MaxIdentifierBytes"/>, and without formatting characters (C#
    /// ignores them, so two names that look different would be one).
    /// </summary>
    public static bool IsValidIdentifier(string text)
    {
        if (text.Length == 0 || Keywords.Contains(text) || !IsIdentifierStart(text[0]) || Encoding.UTF8.GetByteCount(text) > MaxIdentifierBytes)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsIdentifierPart(c) || IsFormatting(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a variable's type, written into generated code as it is, can only be a type: names,
    /// dots, generic and array brackets, '?', tuples and <c>global::</c>; no ';', braces, quotes,
    /// comments, operators, line ends or formatting characters.
    /// </summary>
    public static bool IsTypeText(string text)
    {
        if (text.Trim().Length == 0 || Encoding.UTF8.GetByteCount(text) > MaxIdentifierBytes)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (IsFormatting(c) || !(IsIdentifierPart(c) || c is ' ' or '.' or ',' or '<' or '>' or '?' or '[' or ']' or '(' or ')' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidNamespace(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxIdentifierBytes)
        {
            return false;
        }

        foreach (var part in text.Split('.'))
        {
            if (!IsValidIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A name longer than <see cref="MaxGeneratedLength"/>: its start, then a hash of the whole
    /// <paramref name="source"/> so that two long names that share a start stay distinct.
    /// </summary>
    private static string Shorten(string name, string source)
    {
        if (name.Length <= MaxGeneratedLength)
        {
            return name;
        }

        var cut = MaxGeneratedLength - 9;
        if (char.IsHighSurrogate(name[cut - 1]))
        {
            cut--;
        }

        return name.Substring(0, cut) + "_" + StableHash.Hex8(source);
    }

    private static bool IsFormatting(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;

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
