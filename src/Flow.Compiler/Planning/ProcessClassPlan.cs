using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>Everything the emitter needs for one process class, with all names decided.</summary>
public sealed record ProcessClassPlan(
    string Namespace,
    string ClassName,
    string ProcessKey,
    string? ProcessName,
    string SourceFile,
    string SourceHash,
    EquatableArray<NodePlan> Nodes,
    EquatableArray<FlowPlan> Flows)
{
    public string FullName => Namespace + "." + ClassName;
}

public sealed record NodePlan(string Identifier, string Id, string? Name, FlowNodeKind Kind, string ScopeId);

public sealed record FlowPlan(string Id, string SourceId, string TargetId, string? Condition, bool IsDefault);
