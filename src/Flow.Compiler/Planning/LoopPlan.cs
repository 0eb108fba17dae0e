using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>A C# expression of a loop (column-preserving translation of the diagram's text) and the data-class method that evaluates it.</summary>
public sealed record LoopExpressionPlan(string MethodName, string CSharp, SourceSpan Span);

/// <summary>
/// A loop or multi-instance activity's generated expressions: the count (cardinality or
/// collection), the element (typed), completion and loop conditions, and the output gathered
/// per element. Expressions that see the element get the loop variables as locals.
/// </summary>
public sealed record LoopPlan(int NodeIndex, string NodeId, LoopKind Kind)
{
    /// <summary>loopCardinality, or the collection whose elements are counted (<see cref="FromCollection"/>).</summary>
    public LoopExpressionPlan? Instances { get; init; }

    public bool FromCollection { get; init; }

    /// <summary>The element accessor (reads the collection at loopCounter); null without an element variable.</summary>
    public LoopExpressionPlan? Element { get; init; }

    public string? ElementType { get; init; }

    /// <summary>The element variable as a C# identifier (escaped when a keyword).</summary>
    public string? ElementVariable { get; init; }

    public LoopExpressionPlan? Completion { get; init; }

    public LoopExpressionPlan? Condition { get; init; }

    /// <summary>The output element expression; stored into <see cref="OutputCollection"/> at loopCounter.</summary>
    public LoopExpressionPlan? Output { get; init; }

    public string? OutputCollection { get; init; }
}
