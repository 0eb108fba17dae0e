namespace Flow.Bpmn;

/// <summary>
/// Ids are XML NCNames (the BPMN schema types them xsd:ID): a name start character, then name
/// characters, no ':'. The same check as Flow.Compiler's FLOW0010, so what the builder accepts
/// the compiler reads.
/// </summary>
public static class BpmnIds
{
    /// <summary>True when <paramref name="text"/> is an XML 1.0 (fifth edition) name without ':'.</summary>
    public static bool IsNCName(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        for (var i = 0; i < text!.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                // Supplementary characters up to U+EFFFF are name characters.
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]) || char.ConvertToUtf32(c, text[i + 1]) > 0xEFFFF)
                {
                    return false;
                }

                i++;
                continue;
            }

            if (!(IsNameStart(c) || (i > 0 && IsNamePart(c))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The id itself, or FLOW8001 naming it.</summary>
    public static string Validate(string? id)
    {
        if (!IsNCName(id))
        {
            throw new BpmnModelException(BpmnErrors.InvalidId,
                $"'{Visible(id)}' is not a valid BPMN id: an id is an XML NCName (a letter or '_' first, then letters, digits, '-', '.' or '_'; no spaces, no ':').");
        }

        return id!;
    }

    internal static string ValidateName(string? name, string what)
    {
        if (!IsNCName(name))
        {
            throw new BpmnModelException(BpmnErrors.BadExtensionNamespace, $"'{Visible(name)}' is not a valid {what}: it must be an XML NCName.");
        }

        return name!;
    }

    /// <summary>The text with control characters made visible, for messages.</summary>
    internal static string Visible(string? text)
    {
        if (text is null)
        {
            return "(null)";
        }

        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A readable id from a name for generated ids ("payment received" → <c>payment_received</c>):
    /// characters that may not be in an NCName become '_'.
    /// </summary>
    internal static string FromName(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            var ok = builder.Length == 0 ? IsNameStart(c) : IsNameStart(c) || IsNamePart(c);
            builder.Append(ok && !char.IsSurrogate(c) ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }

    private static bool IsNameStart(char c) =>
        c is (>= 'A' and <= 'Z') or '_' or (>= 'a' and <= 'z')
            or (>= '\u00C0' and <= '\u00D6') or (>= '\u00D8' and <= '\u00F6') or (>= '\u00F8' and <= '\u02FF')
            or (>= '\u0370' and <= '\u037D') or (>= '\u037F' and <= '\u1FFF') or (>= '\u200C' and <= '\u200D')
            or (>= '\u2070' and <= '\u218F') or (>= '\u2C00' and <= '\u2FEF') or (>= '\u3001' and <= '\uD7FF')
            or (>= '\uF900' and <= '\uFDCF') or (>= '\uFDF0' and <= '\uFFFD');

    private static bool IsNamePart(char c) =>
        c is '-' or '.' or (>= '0' and <= '9') or '\u00B7' or (>= '\u0300' and <= '\u036F') or (>= '\u203F' and <= '\u2040');
}
