namespace Flow.Bpmn.Model;

/// <summary>
/// A <c>camunda:inputParameter</c> or <c>camunda:outputParameter</c> of <c>camunda:inputOutput</c>:
/// a text value (or none), a list, a map or a script, and the <c>flow:type</c> of an input.
/// </summary>
public sealed class BpmnParameter
{
    public BpmnParameter(string name, string? value)
        : this(name, BpmnParameterValue.FromText(value))
    {
    }

    public BpmnParameter(string name, BpmnParameterValue content, string? type = null)
    {
        Name = name;
        Content = content;
        Type = type;
    }

    public string Name { get; }

    /// <summary>The text value (a constant or <c>${…}</c>); null for a parameter without value, and for a list, map or script.</summary>
    public string? Value => Content.Kind == BpmnParameterValueKind.Text ? Content.Text : null;

    /// <summary>The whole value: text, list, map or script.</summary>
    public BpmnParameterValue Content { get; }

    /// <summary><c>flow:type</c>: the C# type of an input (the compiler infers it when absent).</summary>
    public string? Type { get; }

    public override string ToString() => Name + (Type is null ? "" : ":" + Type) + "=" + Content;
}
