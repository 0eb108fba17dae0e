namespace Flow.Bpmn.Model;

/// <summary>A <c>camunda:inputParameter</c> or <c>camunda:outputParameter</c> of <c>camunda:inputOutput</c>, with a text value (or none).</summary>
public sealed class BpmnParameter
{
    public BpmnParameter(string name, string? value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    /// <summary>The text value (a constant or <c>${…}</c>); null for a parameter without value.</summary>
    public string? Value { get; }

    public override string ToString() => Name + "=" + Value;
}
