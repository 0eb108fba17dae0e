using System;
using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Reads <c>multiInstanceLoopCharacteristics</c> and <c>standardLoopCharacteristics</c>:
/// <c>loopCardinality</c>, <c>completionCondition</c>, <c>loopCondition</c> (child expressions),
/// <c>testBefore</c>, <c>loopMaximum</c>, and the collection and element variable that Camunda and
/// its forks write as extension attributes (<c>camunda:collection</c>, <c>activiti:elementVariable</c>,
/// …, any namespace), plus ours: <c>flow:elementType</c>, <c>flow:outputCollection</c>, <c>flow:outputElement</c>.
/// </summary>
internal static class LoopReader
{
    public static LoopDefinition Read(XElement characteristics, XNamespace bpmn, Func<XElement, string, Expression> expressionOf, Func<XAttribute, (SourceSpan Span, string Aligned)?> valueOf, string? nodeId)
    {
        Expression? AttributeExpression(XAttribute? attribute) =>
            attribute is null || string.IsNullOrWhiteSpace(attribute.Value) ? null
            : valueOf(attribute) is { } value ? new Expression(attribute.Value, "csharp", value.Span, value.Aligned)
            : new Expression(attribute.Value, "csharp", XmlSpans.Of(attribute), attribute.Value);

        SourceSpan ValueSpan(XAttribute attribute) => valueOf(attribute)?.Span ?? XmlSpans.Of(attribute);

        Expression? Child(string name) =>
            characteristics.Element(bpmn + name) is { } child ? expressionOf(child, name + " of '" + nodeId + "'") : null;

        // BPMN's own form (Activiti, Flowable): <loopDataInputRef>list</loopDataInputRef> and <inputDataItem name="item"/>.
        var inputItem = characteristics.Element(bpmn + "inputDataItem")?.Attribute("name");
        var elementVariable = Extension(characteristics, "elementVariable") ?? (inputItem?.Value.Trim().Length > 0 ? inputItem : null);
        var output = characteristics.Attribute(FlowExtensions.Namespace + "outputCollection");
        return new LoopDefinition
        {
            Cardinality = Child("loopCardinality"),
            CompletionCondition = Child("completionCondition"),
            LoopCondition = Child("loopCondition") ?? AttributeExpression(characteristics.Attribute("loopCondition")),
            Collection = AttributeExpression(Extension(characteristics, "collection")) ?? Child("loopDataInputRef"),
            ElementVariable = elementVariable?.Value.Trim() is { Length: > 0 } name ? name : null,
            ElementVariableSpan = elementVariable is null ? default : ValueSpan(elementVariable),
            ElementType = FlowExtensions.Attribute(characteristics, "elementType"),
            TestBefore = characteristics.Attribute("testBefore")?.Value.Trim() is "true" or "1",
            LoopMaximum = characteristics.Attribute("loopMaximum")?.Value.Trim(),
            OutputCollection = output?.Value.Trim() is { Length: > 0 } collection ? collection : null,
            OutputCollectionSpan = output is null ? default : ValueSpan(output),
            OutputElement = AttributeExpression(characteristics.Attribute(FlowExtensions.Namespace + "outputElement")),
        };
    }

    /// <summary>An attribute named <paramref name="localName"/> in any extension namespace (camunda:, activiti:, flowable:, operaton:, flow:).</summary>
    private static XAttribute? Extension(XElement element, string localName) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName && a.Name.Namespace != XNamespace.None && a.Value.Trim().Length > 0);

}
