using System.Text;
using System.Xml.Linq;

namespace Flow.Compiler.Reading;

/// <summary>
/// SHA-256 of a BPMN file without its layout: the diagram interchange (<c>BPMNDiagram</c>
/// children of <c>definitions</c>: shapes, edges, bounds, waypoints), the indentation between
/// elements, namespace prefixes and anything outside the root are left out. Moving a shape or
/// re-indenting thus keeps the hash, and the generated code that carries it stays the same.
/// Elements, attributes, text and comments count. The walk is iterative: nesting depth costs
/// no stack.
/// </summary>
internal static class LayoutFreeHash
{
    private const string DiagramInterchange = "http://www.omg.org/spec/BPMN/20100524/DI";

    public static string Of(XElement root)
    {
        // Markers below U+0020 cannot occur in XML 1.0 text, so the encoding is unambiguous.
        var text = new StringBuilder();
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
                if (node is XCData || node.Value.Trim().Length > 0)
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

        return FlowCompiler.Sha256Hex(text.ToString());
    }

    private static void AppendStart(StringBuilder text, XElement element)
    {
        text.Append('\u0001').Append(element.Name.ToString());
        foreach (var attribute in element.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration)
            {
                text.Append('\u0002').Append(attribute.Name.ToString()).Append('=').Append(attribute.Value);
            }
        }
    }
}
