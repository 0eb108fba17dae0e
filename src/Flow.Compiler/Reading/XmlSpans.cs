using System.Xml;
using System.Xml.Linq;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>Source spans of XML nodes, from the line information the loader kept.</summary>
internal static class XmlSpans
{
    /// <summary>The start tag's '&lt;' and qualified name, e.g. <c>&lt;bpmn:task</c>.</summary>
    public static SourceSpan Of(XElement element)
    {
        var info = (IXmlLineInfo)element;
        if (!info.HasLineInfo())
        {
            return SourceSpan.None;
        }

        // XmlReader reports the position of the name, one past the '<'.
        return SourceSpan.At(info.LineNumber, info.LinePosition - 1, QualifiedName(element).Length + 1);
    }

    /// <summary>An attribute as written: <c>name="value"</c>.</summary>
    public static SourceSpan Of(XAttribute attribute)
    {
        var info = (IXmlLineInfo)attribute;
        if (!info.HasLineInfo())
        {
            return SourceSpan.None;
        }

        var length = attribute.Name.LocalName.Length + attribute.Value.Length + 3;

        // Only a namespaced attribute has a prefix; looking one up walks every ancestor.
        var prefix = attribute.Name.Namespace == XNamespace.None ? null : attribute.Parent?.GetPrefixOfNamespace(attribute.Name.Namespace);
        if (!string.IsNullOrEmpty(prefix))
        {
            length += prefix!.Length + 1;
        }

        return SourceSpan.At(info.LineNumber, info.LinePosition, length);
    }

    /// <summary>The attribute's span if it exists, else the element's.</summary>
    public static SourceSpan OfAttributeOr(XElement element, string attributeName)
    {
        var attribute = element.Attribute(attributeName);
        return attribute is null ? Of(element) : Of(attribute);
    }

    private static string QualifiedName(XElement element)
    {
        var prefix = element.GetPrefixOfNamespace(element.Name.Namespace);
        return string.IsNullOrEmpty(prefix) ? element.Name.LocalName : prefix + ":" + element.Name.LocalName;
    }
}
