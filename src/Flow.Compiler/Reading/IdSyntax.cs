using System.Collections.Generic;
using System.Xml.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Ids are XML NCNames (the BPMN schema types them xsd:ID): no spaces, quotes, line or
/// paragraph separators, control or bidi characters. Ids reach generated code as identifiers,
/// literals and comments; refusing anything else here keeps that text plain.
/// </summary>
internal static class IdSyntax
{
    /// <summary>FLOW0010 at every <c>id</c> attribute of an element in <paramref name="bpmn"/> that is not an NCName.</summary>
    public static IEnumerable<FlowDiagnostic> Check(XElement root, XNamespace bpmn)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Name.Namespace != bpmn || element.Attribute("id") is not { } attribute)
            {
                continue;
            }

            // The reader trims ids (xsd:ID collapses whitespace); a blank id is FLOW0008.
            var id = attribute.Value.Trim();
            if (id.Length > 0 && !IsNCName(id))
            {
                yield return FlowDiagnostic.Create(DiagnosticCatalog.IdNotAnXmlName, XmlSpans.Of(attribute), UnsafeCharacters.Visible(id));
            }
        }
    }

    /// <summary>An XML 1.0 (fifth edition) name without ':'.</summary>
    public static bool IsNCName(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
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

    private static bool IsNameStart(char c) =>
        c is (>= 'A' and <= 'Z') or '_' or (>= 'a' and <= 'z')
            or (>= '\u00C0' and <= '\u00D6') or (>= '\u00D8' and <= '\u00F6') or (>= '\u00F8' and <= '\u02FF')
            or (>= '\u0370' and <= '\u037D') or (>= '\u037F' and <= '\u1FFF') or (>= '\u200C' and <= '\u200D')
            or (>= '\u2070' and <= '\u218F') or (>= '\u2C00' and <= '\u2FEF') or (>= '\u3001' and <= '\uD7FF')
            or (>= '\uF900' and <= '\uFDCF') or (>= '\uFDF0' and <= '\uFFFD');

    private static bool IsNamePart(char c) =>
        c is '-' or '.' or (>= '0' and <= '9') or '\u00B7' or (>= '\u0300' and <= '\u036F') or (>= '\u203F' and <= '\u2040');
}
