using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Ids and names past <see cref="CompilerLimits"/> (FLOW0011, FLOW0012), at the attribute, for every
/// element in the BPMN namespace, and every other attribute of any element past
/// <see cref="CompilerLimits.MaxAttributeLength"/> (FLOW0014): expressions written as attributes
/// (<c>camunda:expression</c>, <c>camunda:collection</c>, <c>loopCondition</c>, …) become code, keys
/// (<c>calledElement</c>, <c>flow:correlationKey</c>, …) literals and lookups. The file is refused before its
/// text is multiplied into generated code. One pass over the attributes, counting. (Conditions and scripts
/// written as element text are measured where they are read.)
/// </summary>
internal static class TextLengths
{
    /// <summary>Characters of a long id or name shown in a message; the rest is "…".</summary>
    private const int Shown = 40;

    public static IEnumerable<FlowDiagnostic> Check(XElement root, XNamespace bpmn)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in LongAttributes(element, bpmn))
            {
                yield return FlowDiagnostic.Create(
                    DiagnosticCatalog.AttributeTooLong, XmlSpans.Of(attribute), QualifiedName(attribute), Owner(element), Number(attribute.Value.Length), Number(CompilerLimits.MaxAttributeLength));
            }

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

    /// <summary>Attributes past <see cref="CompilerLimits.MaxAttributeLength"/>, but a BPMN element's id and name (they have lower limits of their own) and namespace declarations (never read as text).</summary>
    private static IEnumerable<XAttribute> LongAttributes(XElement element, XNamespace bpmn)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.Value.Length <= CompilerLimits.MaxAttributeLength || attribute.IsNamespaceDeclaration)
            {
                continue;
            }

            if (element.Name.Namespace == bpmn && attribute.Name.Namespace == XNamespace.None && attribute.Name.LocalName is "id" or "name")
            {
                continue;
            }

            yield return attribute;
        }
    }

    /// <summary>The attribute as written, with its prefix (<c>camunda:collection</c>).</summary>
    private static string QualifiedName(XAttribute attribute)
    {
        var prefix = attribute.Name.Namespace == XNamespace.None ? null : attribute.Parent?.GetPrefixOfNamespace(attribute.Name.Namespace);
        return string.IsNullOrEmpty(prefix) ? attribute.Name.LocalName : prefix + ":" + attribute.Name.LocalName;
    }

    /// <summary>The element by its id (<c>'Task_1'</c>), or by its name and the nearest ancestor's id (<c>multiInstanceLoopCharacteristics in 'Task_1'</c>).</summary>
    private static string Owner(XElement element)
    {
        if (element.Attribute("id")?.Value.Trim() is { Length: > 0 } id)
        {
            return "'" + Beginning(id) + "'";
        }

        var ancestor = element.Ancestors().FirstOrDefault(a => a.Attribute("id")?.Value.Trim() is { Length: > 0 });
        return ancestor is null
            ? element.Name.LocalName
            : element.Name.LocalName + " in '" + Beginning(ancestor.Attribute("id")!.Value.Trim()) + "'";
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
