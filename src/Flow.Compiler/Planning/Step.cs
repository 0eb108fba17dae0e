using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>A step of a straight-line method (a process without wait states, structured).</summary>
public abstract record Step;

/// <summary>Take a node: run its handler or script if it has one, then record it.</summary>
public sealed record NodeStep(int Node) : Step;

/// <summary>An end event: of the process, or of the sub-process <paramref name="SubProcess"/>.</summary>
public sealed record EndStep(int Node, int? SubProcess) : Step;

/// <summary>
/// A node with no outgoing flow (implicit end): its token is consumed, and as the only token
/// of its scope, the scope (process or sub-process <paramref name="SubProcess"/>) completes.
/// </summary>
public sealed record ImplicitEndStep(int Node, int? SubProcess) : Step;

/// <summary>An exclusive split: the first branch whose condition holds, else the default.</summary>
public sealed record ChoiceStep(int Gateway, EquatableArray<Branch> Branches) : Step;

public sealed record Branch(int Flow, bool IsDefault, EquatableArray<Step> Steps);

/// <summary>A parallel fork whose branches meet at one join: the branches run one after another.</summary>
public sealed record ParallelStep(int Fork, EquatableArray<Branch> Branches) : Step;

/// <summary>An embedded sub-process, run inline.</summary>
public sealed record SubProcessStep(int Node, EquatableArray<Step> Body) : Step;
