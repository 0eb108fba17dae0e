using System.Collections.Generic;

namespace Flow.Bpmn.Model;

/// <summary>
/// An activity's loop: <c>multiInstanceLoopCharacteristics</c> (parallel or sequential, over a
/// cardinality or a collection) or <c>standardLoopCharacteristics</c> (while a condition holds,
/// at most a maximum). The collection, element variable and the <c>flow:</c> output gathering
/// are extension attributes of the element, as Camunda and Flow.Compiler write them; the
/// typed properties read and set them.
/// </summary>
public sealed class BpmnLoopCharacteristics
{
    private string? _id;

    public BpmnLoopCharacteristics(bool isMultiInstance) => IsMultiInstance = isMultiInstance;

    /// <summary>Multi-instance (true) or a standard loop (false).</summary>
    public bool IsMultiInstance { get; }

    /// <summary>The element's optional id (an NCName when set).</summary>
    public string? Id
    {
        get => _id;
        set => _id = value is null ? null : BpmnIds.Validate(value);
    }

    /// <summary>Multi-instance: one element after the other (true) or all at once (false, the default).</summary>
    public bool IsSequential { get; set; }

    /// <summary>Multi-instance: the <c>loopCardinality</c> expression (a C# <c>int</c>, <c>${…}</c> allowed).</summary>
    public string? Cardinality { get; set; }

    /// <summary>Multi-instance: the <c>completionCondition</c> (C# <c>bool</c>).</summary>
    public string? CompletionCondition { get; set; }

    /// <summary>Standard loop: the <c>loopCondition</c> (C# <c>bool</c>), written as a child expression.</summary>
    public string? LoopCondition { get; set; }

    /// <summary>Standard loop: check the condition before the first run too.</summary>
    public bool TestBefore { get; set; }

    /// <summary>Standard loop: the <c>loopMaximum</c>.</summary>
    public string? LoopMaximum { get; set; }

    /// <summary>Attributes of other namespaces (<c>camunda:collection</c>, <c>flow:outputCollection</c>, …), in the order they were set.</summary>
    public List<ExtensionAttribute> ExtensionAttributes { get; } = new();

    /// <summary><c>camunda:collection</c>: the collection the elements come from.</summary>
    public string? Collection
    {
        get => GetExtensionAttribute(BpmnXmlNames.Camunda, "collection");
        set => SetExtensionAttribute(BpmnXmlNames.Camunda, "collection", value);
    }

    /// <summary><c>camunda:elementVariable</c>: the name each element is seen under.</summary>
    public string? ElementVariable
    {
        get => GetExtensionAttribute(BpmnXmlNames.Camunda, "elementVariable");
        set => SetExtensionAttribute(BpmnXmlNames.Camunda, "elementVariable", value);
    }

    /// <summary><c>flow:elementType</c>: the element's C# type when the collection's type does not tell it.</summary>
    public string? ElementType
    {
        get => GetExtensionAttribute(BpmnXmlNames.Flow, "elementType");
        set => SetExtensionAttribute(BpmnXmlNames.Flow, "elementType", value);
    }

    /// <summary><c>flow:outputCollection</c>: the <c>List&lt;T&gt;</c> data member each element's output is stored in.</summary>
    public string? OutputCollection
    {
        get => GetExtensionAttribute(BpmnXmlNames.Flow, "outputCollection");
        set => SetExtensionAttribute(BpmnXmlNames.Flow, "outputCollection", value);
    }

    /// <summary><c>flow:outputElement</c>: the expression stored for each completed element.</summary>
    public string? OutputElement
    {
        get => GetExtensionAttribute(BpmnXmlNames.Flow, "outputElement");
        set => SetExtensionAttribute(BpmnXmlNames.Flow, "outputElement", value);
    }

    public string? GetExtensionAttribute(string namespaceUri, string localName) => Model.ExtensionAttribute.Get(ExtensionAttributes, namespaceUri, localName);

    public void SetExtensionAttribute(string namespaceUri, string localName, string? value) => Model.ExtensionAttribute.Set(ExtensionAttributes, namespaceUri, localName, value);

    public override string ToString() =>
        (IsMultiInstance ? "multiInstance" : "standardLoop") + " id=" + Id + " sequential=" + IsSequential + " cardinality=" + Cardinality
        + " completion=" + CompletionCondition + " condition=" + LoopCondition + " testBefore=" + TestBefore + " maximum=" + LoopMaximum
        + " " + string.Join(" ", ExtensionAttributes);
}
