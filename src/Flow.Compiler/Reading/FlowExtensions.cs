using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Reading;

/// <summary>
/// Our BPMN extension (documented in docs/bpmn-support.md), in its own namespace so modellers
/// keep it as they keep any extension element:
/// <c>&lt;flow:variable name="amount" type="decimal"/&gt;</c> in a process's extensionElements,
/// <c>flow:dataType="Shop.OrderData"</c> on a process, <c>flow:handler="CheckStock"</c> on a task,
/// <c>&lt;flow:output name="approved" type="bool"/&gt;</c> in a wait state's extensionElements.
/// </summary>
internal static class FlowExtensions
{
    public static readonly XNamespace Namespace = "http://flow-generators.dev/schema/bpmn";

    public static string? Attribute(XElement element, string name)
    {
        var value = element.Attribute(Namespace + name)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    /// <summary>The <c>flow:{name}</c> elements anywhere under the element's extensionElements.</summary>
    public static IEnumerable<VariableDeclaration> Declarations(XElement element, XNamespace bpmn, string name) =>
        element.Elements(bpmn + "extensionElements")
            .SelectMany(e => e.Descendants(Namespace + name))
            .Select(v => new VariableDeclaration(
                v.Attribute("name")?.Value.Trim() ?? "",
                string.IsNullOrWhiteSpace(v.Attribute("type")?.Value) ? null : v.Attribute("type")!.Value.Trim(),
                XmlSpans.Of(v)));
}
