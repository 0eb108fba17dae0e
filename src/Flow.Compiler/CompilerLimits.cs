namespace Flow.Compiler;

/// <summary>
/// Sizes past which a file is refused with a located error instead of compiled. Far beyond any
/// real diagram (a large one has a few hundred nodes and a handful of nesting levels); they
/// bound the work and the generated code for hostile or generated files, so that every file
/// compiles or is refused in well under a second. Files with an error from these limits get no
/// generated code.
/// </summary>
public static class CompilerLimits
{
    /// <summary>Deepest nesting of sub-processes (the process itself is level 0).</summary>
    public const int MaxScopeDepth = 64;

    public const int MaxProcessesPerFile = 1_000;

    public const int MaxNodesPerProcess = 10_000;

    public const int MaxFlowsPerProcess = 20_000;

    /// <summary>Incoming or outgoing sequence flows of one gateway (or any node).</summary>
    public const int MaxBranchesPerNode = 1_000;

    /// <summary>
    /// Characters of an <c>id</c> (FLOW0011). Modellers write ids of 10 to 50 characters
    /// (<c>Activity_0x8k2</c>, <c>sid-0A6C…</c> with a GUID); Camunda 7 stores ids and process keys in
    /// columns of 255. An id is repeated in the generated code (a constant, the graph, each flow that
    /// names it) and in every saved instance, so ids of 200,000 characters made a 4.6 MB file a 74 s build.
    /// Twice Camunda's column: no diagram that runs there is refused.
    /// </summary>
    public const int MaxIdLength = 512;

    /// <summary>
    /// Characters of a <c>name</c> (FLOW0012): the label on a shape, a few words; written into the
    /// generated comments and description. Long prose belongs in <c>documentation</c>.
    /// </summary>
    public const int MaxNameLength = 4_096;

    /// <summary>
    /// Characters of a condition, script or other expression element (FLOW0013); each becomes one
    /// C# method. 64 Ki characters is some 1,500 lines: longer code belongs in a handler.
    /// </summary>
    public const int MaxExpressionLength = 65_536;

    /// <summary>
    /// Characters of any other attribute (FLOW0014): an expression written as an attribute
    /// (<c>camunda:expression</c>, <c>camunda:collection</c>, …) becomes code as an expression element
    /// does, a key (<c>calledElement</c>, …) a literal and a lookup. The same limit as <see cref="MaxExpressionLength"/>.
    /// </summary>
    public const int MaxAttributeLength = MaxExpressionLength;
}
