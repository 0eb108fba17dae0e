namespace Flow.Bpmn.Model;

/// <summary>Which way a call activity's mapping copies: into the called process or back out of it.</summary>
public enum BpmnCallMappingDirection
{
    In,
    Out,
}

/// <summary>
/// A call activity's <c>camunda:in</c> or <c>camunda:out</c>: a variable (<see cref="Source"/>)
/// or an expression (<see cref="SourceExpression"/>) copied to <see cref="Target"/>, every
/// variable (<see cref="AllVariables"/>), or (in) the business key.
/// </summary>
public sealed class BpmnCallMapping
{
    public BpmnCallMapping(BpmnCallMappingDirection direction) => Direction = direction;

    public BpmnCallMappingDirection Direction { get; }

    public string? Source { get; set; }

    public string? SourceExpression { get; set; }

    public string? Target { get; set; }

    /// <summary><c>variables="all"</c>.</summary>
    public bool AllVariables { get; set; }

    /// <summary><c>local="true"</c> (Camunda: only the activity's local variables).</summary>
    public bool Local { get; set; }

    /// <summary>An in mapping's <c>businessKey</c> expression (Flow.Compiler warns FLOW1205: instances have no business key).</summary>
    public string? BusinessKey { get; set; }

    public override string ToString() =>
        Direction + "(source=" + Source + " sourceExpression=" + SourceExpression + " target=" + Target + " all=" + AllVariables
        + " local=" + Local + " businessKey=" + BusinessKey + ")";
}
