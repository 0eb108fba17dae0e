using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// A call activity's binding and its <c>in</c>/<c>out</c> mappings. Camunda writes them in its
/// own namespace, its forks (Operaton, Activiti, Flowable) in theirs: any extension namespace is
/// read alike, by local name, as <see cref="ScriptResources"/> does.
/// </summary>
internal static class CallActivities
{
    public static CallModel Of(XElement callActivity, XNamespace bpmn)
    {
        var called = callActivity.Attribute("calledElement");
        var binding = Extension(callActivity, "calledElementBinding");
        var mappings = callActivity.Elements(bpmn + "extensionElements").SelectMany(e => e.Elements())
            .Where(e => e.Name.Namespace != bpmn && e.Name.Namespace != FlowExtensions.Namespace && e.Name.LocalName is "in" or "out")
            .ToList();
        return new CallModel(called is null ? XmlSpans.Of(callActivity) : XmlSpans.Of(called))
        {
            Binding = binding?.Value.Trim(),
            BindingSpan = binding is null ? XmlSpans.Of(callActivity) : XmlSpans.Of(binding),
            Version = Extension(callActivity, "calledElementVersion")?.Value.Trim(),
            VersionTag = Extension(callActivity, "calledElementVersionTag")?.Value.Trim(),
            External = FlowExtensions.Attribute(callActivity, "external") is "true" or "1",
            PassesBusinessKey = mappings.Any(m => m.Name.LocalName == "in" && m.Attribute("businessKey") is not null),
            Inputs = mappings.Where(m => m.Name.LocalName == "in" && m.Attribute("businessKey") is null).Select(Mapping).ToEquatableArray(),
            Outputs = mappings.Where(m => m.Name.LocalName == "out").Select(Mapping).ToEquatableArray(),
        };
    }

    /// <summary>A Camunda <c>inputOutput</c> element in the node's extensionElements (FLOW1206: not applied).</summary>
    public static XElement? InputOutput(XElement node, XNamespace bpmn) =>
        node.Elements(bpmn + "extensionElements").SelectMany(e => e.Elements())
            .FirstOrDefault(e => e.Name.LocalName == "inputOutput" && e.Name.Namespace != bpmn && e.Name.Namespace != FlowExtensions.Namespace);

    private static CallMapping Mapping(XElement element)
    {
        var expression = element.Attribute("sourceExpression");
        return new CallMapping(
            Value(element, "source"),
            expression is null || expression.Value.Trim().Length == 0 ? null : ExpressionOf(expression),
            Value(element, "target"),
            Value(element, "variables") == "all",
            XmlSpans.Of(element));
    }

    /// <summary>The attribute's text as an expression located at its value (after <c>name="</c>).</summary>
    private static Expression ExpressionOf(XAttribute attribute)
    {
        var whole = XmlSpans.Of(attribute);
        var span = whole.IsNone ? whole : SourceSpan.At(whole.StartLine, whole.EndColumn - attribute.Value.Length - 1, attribute.Value.Length);
        return new Expression(attribute.Value, "csharp", span, attribute.Value);
    }

    private static string? Value(XElement element, string name) =>
        element.Attribute(name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static XAttribute? Extension(XElement element, string localName) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName && a.Name.Namespace != XNamespace.None && a.Name.Namespace != FlowExtensions.Namespace);
}
