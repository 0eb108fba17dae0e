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
}
