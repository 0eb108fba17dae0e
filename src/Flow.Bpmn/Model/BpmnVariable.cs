namespace Flow.Bpmn.Model;

/// <summary>A typed name: a process variable (<c>flow:variable</c>) or a wait state's or message's output (<c>flow:output</c>).</summary>
public sealed class BpmnVariable
{
    public BpmnVariable(string name, string? type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    /// <summary>The C# type (<c>decimal</c>, <c>string?</c>); null when not given.</summary>
    public string? Type { get; }

    public override string ToString() => Name + ":" + Type;
}
