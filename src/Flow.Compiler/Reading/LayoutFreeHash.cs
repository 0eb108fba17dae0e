using System.Xml.Linq;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// SHA-256 of a BPMN file without its layout: the diagram interchange (<c>BPMNDiagram</c>
/// children of <c>definitions</c>: shapes, edges, bounds, waypoints), the indentation between
/// elements, namespace prefixes and anything outside the root are left out. Moving a shape or
/// re-indenting thus keeps the hash, and the generated code that carries it stays the same.
/// Elements, attributes, text and comments count. The walk is iterative: nesting depth costs
/// no stack. The text is hashed as it is walked (<see cref="Sha256Text"/>): a diagram's hash
/// allocates a fixed buffer, not a copy of the file and its UTF-8 bytes.
/// </summary>
internal static class LayoutFreeHash
{
    private const string DiagramInterchange = "http://www.omg.org/spec/BPMN/20100524/DI";

    public static string Of(XElement root)
    {
        // Markers below U+0020 cannot occur in XML 1.0 text, so the encoding is unambiguous.
        using var text = new Sha256Text();
        AppendStart(text, root);
        var current = root.FirstNode;
        while (current is not null)
        {
            if (current is XElement element)
            {
                var skip = element.Parent == root && element.Name.LocalName == "BPMNDiagram" && element.Name.NamespaceName == DiagramInterchange;
                if (!skip)
                {
                    AppendStart(text, element);
                    if (element.FirstNode is { } child)
                    {
                        current = child;
                        continue;
                    }

                    text.Append('\u0004');
                }
            }
            else if (current is XText node)
            {
                if (node is XCData || !string.IsNullOrWhiteSpace(node.Value))
                {
                    text.Append('\u0003').Append(node.Value);
                }
            }
            else
            {
                text.Append('\u0005').Append(current.ToString(SaveOptions.DisableFormatting));
            }

            // The next node in document order, closing the elements left on the way up.
            while (true)
            {
                if (current.NextNode is { } next)
                {
                    current = next;
                    break;
                }

                var parent = current.Parent;
                if (parent is null || parent == root)
                {
                    current = null;
                    break;
                }

                text.Append('\u0004');
                current = parent;
            }
        }

        return text.ToHex();
    }

    private static void AppendStart(Sha256Text text, XElement element)
    {
        AppendName(text.Append('\u0001'), element.Name);
        foreach (var attribute in element.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration)
            {
                AppendName(text.Append('\u0002'), attribute.Name).Append('=').Append(attribute.Value);
            }
        }
    }

    /// <summary>As <see cref="XName.ToString"/> (<c>{namespace}local</c>), without making the string.</summary>
    private static Sha256Text AppendName(Sha256Text text, XName name) =>
        name.NamespaceName.Length == 0
            ? text.Append(name.LocalName)
            : text.Append('{').Append(name.NamespaceName).Append('}').Append(name.LocalName);
}
