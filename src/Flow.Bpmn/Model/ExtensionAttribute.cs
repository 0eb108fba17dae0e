using System.Collections.Generic;

namespace Flow.Bpmn.Model;

/// <summary>
/// An attribute of another namespace on a BPMN element (<c>flow:handler</c>, <c>camunda:assignee</c>):
/// kept as written, and written back with a prefix for its namespace.
/// </summary>
public sealed class ExtensionAttribute
{
    public ExtensionAttribute(string namespaceUri, string localName, string value)
    {
        NamespaceUri = namespaceUri;
        LocalName = localName;
        Value = value;
    }

    public string NamespaceUri { get; }

    public string LocalName { get; }

    public string Value { get; set; }

    public override string ToString() => "{" + NamespaceUri + "}" + LocalName + "=\"" + Value + "\"";

    internal static string? Get(List<ExtensionAttribute> attributes, string namespaceUri, string localName)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.NamespaceUri == namespaceUri && attribute.LocalName == localName)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>Sets (or with null, removes) an extension attribute of the list; a new one goes last.</summary>
    internal static void Set(List<ExtensionAttribute> attributes, string namespaceUri, string localName, string? value)
    {
        if (string.IsNullOrEmpty(namespaceUri) || BpmnXmlNames.IsReserved(namespaceUri))
        {
            throw new BpmnModelException(BpmnErrors.BadExtensionNamespace,
                $"'{namespaceUri}' is not a namespace for an extension attribute (the BPMN, DI and XML namespaces are not).");
        }

        BpmnIds.ValidateName(localName, "extension attribute name");
        var index = attributes.FindIndex(a => a.NamespaceUri == namespaceUri && a.LocalName == localName);
        if (value is null)
        {
            if (index >= 0)
            {
                attributes.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            attributes[index].Value = value;
        }
        else
        {
            attributes.Add(new ExtensionAttribute(namespaceUri, localName, value));
        }
    }
}
