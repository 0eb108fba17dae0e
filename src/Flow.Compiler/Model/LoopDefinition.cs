using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// What a <c>multiInstanceLoopCharacteristics</c> or <c>standardLoopCharacteristics</c> says.
/// Attribute values (collection, element variable, loop maximum, output) keep the span of their
/// value; expressions in child elements keep theirs.
/// </summary>
public sealed record LoopDefinition
{
    /// <summary><c>loopCardinality</c>: a C# int expression (or ${...}).</summary>
    public Expression? Cardinality { get; init; }

    /// <summary><c>camunda:collection</c>: a data member or C# expression of a collection type.</summary>
    public Expression? Collection { get; init; }

    /// <summary><c>camunda:elementVariable</c>: the name each element has in the activity's expressions and handler.</summary>
    public string? ElementVariable { get; init; }

    public SourceSpan ElementVariableSpan { get; init; }

    /// <summary><c>flow:elementType</c>: the element's C# type when it cannot be read from the collection's declared type.</summary>
    public string? ElementType { get; init; }

    /// <summary><c>completionCondition</c> (multi-instance) as written.</summary>
    public Expression? CompletionCondition { get; init; }

    /// <summary><c>loopCondition</c> (standard loop), as written.</summary>
    public Expression? LoopCondition { get; init; }

    /// <summary><c>testBefore</c> (standard loop).</summary>
    public bool TestBefore { get; init; }

    /// <summary><c>loopMaximum</c> (standard loop) as written.</summary>
    public string? LoopMaximum { get; init; }

    /// <summary><c>flow:outputCollection</c>: a data member (a list) the elements' results are gathered into, by index.</summary>
    public string? OutputCollection { get; init; }

    public SourceSpan OutputCollectionSpan { get; init; }

    /// <summary><c>flow:outputElement</c>: the C# expression whose value each completed element contributes.</summary>
    public Expression? OutputElement { get; init; }
}
