using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Flow.Cockpit.Deploy;

/// <summary>
/// Which elements of one process differ between two BPMN texts: every element of the process with
/// an <c>id</c> (nodes, flows, their event definitions) is compared by its own content (name,
/// attributes, text and children without an id of their own, which are compared on their own);
/// layout (BPMN DI) is not compared. Pure: XML in, ids out; the XML is read without DTDs or
/// external resources.
/// </summary>
internal static class DefinitionDiff
{
    private const string ModelNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The ids in <paramref name="newer"/> only (added), in <paramref name="older"/> only (removed), and in both with a different content (changed), ordinal.</summary>
    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed) Compare(string older, string newer, string processKey)
    {
        var before = Signatures(older, processKey);
        var after = Signatures(newer, processKey);
        return (
            after.Keys.Where(id => !before.ContainsKey(id)).Order(StringComparer.Ordinal).ToList(),
            before.Keys.Where(id => !after.ContainsKey(id)).Order(StringComparer.Ordinal).ToList(),
            after.Keys.Where(id => before.TryGetValue(id, out var old) && old != after[id]).Order(StringComparer.Ordinal).ToList());
    }

    private static Dictionary<string, string> Signatures(string xml, string processKey)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(reader);
        var process = document.Descendants(XName.Get("process", ModelNamespace)).FirstOrDefault(p => (string?)p.Attribute("id") == processKey)
            ?? throw new XmlException($"The diagram defines no process '{processKey}'.");
        var signatures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in process.Descendants().Where(e => e.Attribute("id") is not null))
        {
            var text = new StringBuilder();
            Append(element, text);
            signatures[(string)element.Attribute("id")!] = text.ToString();
        }

        return signatures;
    }

    /// <summary>The element's name, attributes (ordered) and content, leaving out children that have an id.</summary>
    private static void Append(XElement element, StringBuilder text)
    {
        text.Append('<').Append(element.Name.ToString());
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.ToString(), StringComparer.Ordinal))
        {
            text.Append(' ').Append(attribute.Name.ToString()).Append("=\"").Append(attribute.Value).Append('"');
        }

        text.Append('>');
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XElement child when child.Attribute("id") is null:
                    Append(child, text);
                    break;
                case XText value when !string.IsNullOrWhiteSpace(value.Value):
                    text.Append(value.Value.Trim());
                    break;
            }
        }

        text.Append("</>");
    }
}
