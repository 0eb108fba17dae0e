using System.Collections.Generic;

namespace Flow.Bpmn.Model;

/// <summary>What every element of the model has: an id, a name and attributes of other namespaces.</summary>
public abstract class BpmnElement
{
    private string _id;

    protected BpmnElement(string id)
    {
        _id = BpmnIds.Validate(id);
    }

    /// <summary>The element's id, an XML NCName (checked when set: <see cref="BpmnModelException"/> FLOW8001).</summary>
    public string Id
    {
        get => _id;
        set => _id = BpmnIds.Validate(value);
    }

    public string? Name { get; set; }

    /// <summary>Attributes of other namespaces (<c>flow:</c>, <c>camunda:</c>, …), in the order they were set.</summary>
    public List<ExtensionAttribute> ExtensionAttributes { get; } = new();

    /// <summary>The value of the extension attribute, or null.</summary>
    public string? GetExtensionAttribute(string namespaceUri, string localName) => ExtensionAttribute.Get(ExtensionAttributes, namespaceUri, localName);

    /// <summary>Sets (or with null, removes) an extension attribute; a new one goes last.</summary>
    public void SetExtensionAttribute(string namespaceUri, string localName, string? value) => ExtensionAttribute.Set(ExtensionAttributes, namespaceUri, localName, value);

    public override string ToString() => GetType().Name + " " + Id + (Name is null ? "" : " '" + Name + "'");
}
