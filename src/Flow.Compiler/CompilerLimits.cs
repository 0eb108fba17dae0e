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
}
