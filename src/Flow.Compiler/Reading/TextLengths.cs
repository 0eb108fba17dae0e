using System.Collections.Generic;
using System.Globalization;
using System.Xml.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Ids and names past <see cref="CompilerLimits"/> (FLOW0011, FLOW0012), at the attribute, for every
/// element in the BPMN namespace: the file is refused before its text is multiplied into generated code.
/// One pass over the attributes, counting. (Conditions and scripts are measured where they are read.)
/// </summary>
internal static class TextLengths
{
    /// <summary>Characters of a long id or name shown in a message; the rest is "…".</summary>
    private const int Shown = 40;

    public static IEnumerable<FlowDiagnostic> Check(XElement root, XNamespace bpmn)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Name.Namespace != bpmn)
            {
                continue;
            }

            var id = element.Attribute("id");
            if (id is not null && id.Value.Trim().Length > CompilerLimits.MaxIdLength)
            {
                yield return FlowDiagnostic.Create(
                    DiagnosticCatalog.IdTooLong, XmlSpans.Of(id), element.Name.LocalName, Number(id.Value.Trim().Length), Number(CompilerLimits.MaxIdLength), Beginning(id.Value.Trim()));
            }

            if (element.Attribute("name") is { } name && name.Value.Length > CompilerLimits.MaxNameLength)
            {
                yield return FlowDiagnostic.Create(
                    DiagnosticCatalog.NameTooLong, XmlSpans.Of(name), element.Name.LocalName, Beginning(id?.Value.Trim() ?? ""), Number(name.Value.Length), Number(CompilerLimits.MaxNameLength));
            }
        }
    }

    /// <summary>The first <see cref="Shown"/> characters, invisible ones spelled out, and "…" when there is more.</summary>
    internal static string Beginning(string text)
    {
        if (text.Length <= Shown)
        {
            return UnsafeCharacters.Visible(text);
        }

        var cut = char.IsHighSurrogate(text[Shown - 1]) ? Shown - 1 : Shown;
        return UnsafeCharacters.Visible(text.Substring(0, cut)) + "…";
    }

    internal static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
