using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// One BPMN process: its flow nodes, sequence flows and data, flattened across sub-processes
/// (each item names its scope). Lanes and pools are only containers and are not kept.
/// </summary>
public sealed record ProcessModel(
    string Id,
    string? Name,
    bool IsExecutable,
    SourceSpan Span,
    EquatableArray<FlowNode> Nodes,
    EquatableArray<SequenceFlow> Flows,
    EquatableArray<DataElement> Data)
{
    /// <summary>Typed variables of the process data (flow:variable, typed properties and data objects).</summary>
    public EquatableArray<VariableDeclaration> Variables { get; init; }

    /// <summary><c>flow:dataType</c>: the user's own C# type for the process data, if bound.</summary>
    public string? DataType { get; init; }

    /// <summary>The associations of every scope (compensation boundary events name their handlers by one).</summary>
    public EquatableArray<Association> Associations { get; init; }
}
