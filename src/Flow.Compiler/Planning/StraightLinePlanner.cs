using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>
/// Lowers a process with no wait state into straight-line steps: sequences, exclusive choices
/// that meet again (or end), parallel blocks whose branches meet at one join (run one after
/// another, the order the token engine also takes), and embedded sub-processes inline.
/// Anything else (loops, inclusive gateways, implicit splits and joins, ends inside parallel
/// branches) returns null and the process runs on the token engine. So does nesting deeper
/// than <see cref="MaxNesting"/> (gateways and sub-processes together): it bounds the
/// recursion here and in the writers of the straight-line method, and the size of the method.
/// </summary>
internal sealed class StraightLinePlanner
{
    private readonly ProcessGraph _graph;
    /// <summary>Deepest nesting of choices, parallel blocks and sub-processes in a straight-line method.</summary>
    public const int MaxNesting = 64;

    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<SequenceFlow, int> _flowIndex = new(ReferenceComparer.Instance);
    private readonly HashSet<string> _visited = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, PostDominators> _postDominators = new(System.StringComparer.Ordinal);

    private StraightLinePlanner(ProcessGraph graph)
    {
        _graph = graph;
        _index = graph.Process.Nodes.Select((n, i) => (n.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i, System.StringComparer.Ordinal);
        for (var i = 0; i < graph.Process.Flows.Count; i++)
        {
            _flowIndex[graph.Process.Flows[i]] = i;
        }
    }

    public static EquatableArray<Step>? TryPlan(ProcessGraph graph)
    {
        // Wait states, boundary events and event sub-processes (an error from a handler is caught on the token engine, not in a
        // straight line), timers (a catch event waits; a timer start starts on the token engine), and job boundaries
        // (asyncBefore/asyncAfter: the run stops there and a job goes on, which only the token engine can do), and sub-processes
        // and events with input/output parameters (a scope's inputs are locals the token engine saves and hands to the nodes inside).
        if (graph.Process.Nodes.Any(n => n.Kind is FlowNodeKind.UserTask or FlowNodeKind.ReceiveTask or FlowNodeKind.ManualTask or FlowNodeKind.BoundaryEvent
            || n.IsEventSubProcess || n.HasDefinition(EventDefinitionKind.Timer) || AsyncPlanner.Of(n) is not null
            || (n.InputOutput is not null && (InputOutputTypes.IsScope(n) || InputOutputTypes.IsEvent(n)))))
        {
            return null;
        }

        var planner = new StraightLinePlanner(graph);
        var steps = planner.Scope(graph.Process.Id, subProcess: null, depth: 0);
        return steps?.ToEquatableArray();
    }

    /// <summary>The steps of a scope from its single blank start event (or its single implicit start).</summary>
    private List<Step>? Scope(string scopeId, int? subProcess, int depth)
    {
        if (depth > MaxNesting)
        {
            return null;
        }

        var starts = _graph.NodesIn(scopeId).Where(n => n.Kind == FlowNodeKind.StartEvent).ToList();
        if (starts.Count == 0)
        {
            starts = ImplicitStarts.In(_graph, scopeId).ToList();
        }

        if (starts.Count != 1 || !(starts[0].Kind != FlowNodeKind.StartEvent || starts[0].IsBlankEvent))
        {
            return null;
        }

        var steps = new List<Step>();
        return Sequence(starts[0].Id, stop: null, subProcess, inParallel: false, depth, steps) == Outcome.Ended ? steps : null;
    }

    private enum Outcome
    {
        Failed,
        Stopped,
        Ended,
    }

    /// <summary>Steps from <paramref name="from"/> until <paramref name="stop"/> (reached, not taken) or an end.</summary>
    private Outcome Sequence(string from, string? stop, int? subProcess, bool inParallel, int depth, List<Step> steps)
    {
        if (depth > MaxNesting)
        {
            return Outcome.Failed;
        }

        var current = from;
        var arrivedAtMeeting = false;
        while (true)
        {
            if (current == stop)
            {
                return Outcome.Stopped;
            }

            var node = _graph.Node(current)!;
            var incoming = _graph.Incoming(current).Count;
            var outgoing = _graph.Outgoing(current);
            if (!_visited.Add(current) || (incoming > 1 && !arrivedAtMeeting))
            {
                return Outcome.Failed;   // a loop, or an unstructured merge
            }

            arrivedAtMeeting = false;
            if (node.Loop != LoopKind.None)
            {
                return Outcome.Failed;   // loops and multi-instance run on the token engine
            }

            var index = _index[current];
            switch (node.Kind)
            {
                case FlowNodeKind.EndEvent:
                    if (inParallel || !(node.IsBlankEvent || node.HasDefinition(EventDefinitionKind.Terminate) || node.HasDefinition(EventDefinitionKind.Error)))
                    {
                        return Outcome.Failed;
                    }

                    steps.Add(new EndStep(index, subProcess));
                    return Outcome.Ended;

                case FlowNodeKind.SubProcess when !node.IsEventSubProcess && node.Loop == LoopKind.None:
                    var body = Scope(node.Id, index, depth + 1);
                    if (body is null)
                    {
                        return Outcome.Failed;
                    }

                    steps.Add(new SubProcessStep(index, body.ToEquatableArray()));
                    break;

                case FlowNodeKind.ExclusiveGateway when outgoing.Count > 1 || outgoing.Any(f => f.Condition is not null):
                    var meeting = Meeting(node);
                    var branches = new List<Branch>();
                    foreach (var flow in outgoing)
                    {
                        var branchSteps = new List<Step>();
                        var outcome = Sequence(flow.TargetRef, meeting, subProcess, inParallel, depth + 1, branchSteps);
                        if (outcome == Outcome.Failed || (outcome == Outcome.Stopped && meeting is null))
                        {
                            return Outcome.Failed;
                        }

                        branches.Add(new Branch(_flowIndex[flow], flow.Id == node.DefaultFlowId, branchSteps.ToEquatableArray()));
                    }

                    steps.Add(new ChoiceStep(index, branches.ToEquatableArray()));
                    if (meeting is null)
                    {
                        return Outcome.Ended;
                    }

                    current = meeting;
                    arrivedAtMeeting = true;
                    continue;

                case FlowNodeKind.ParallelGateway when outgoing.Count > 1:
                    var join = Meeting(node);
                    if (join is null || _graph.Node(join)!.Kind != FlowNodeKind.ParallelGateway || _graph.Incoming(join).Count != outgoing.Count)
                    {
                        return Outcome.Failed;
                    }

                    var parallel = new List<Branch>();
                    foreach (var flow in outgoing)
                    {
                        var branchSteps = new List<Step>();
                        if (Sequence(flow.TargetRef, join, subProcess, inParallel: true, depth + 1, branchSteps) != Outcome.Stopped)
                        {
                            return Outcome.Failed;
                        }

                        parallel.Add(new Branch(_flowIndex[flow], false, branchSteps.ToEquatableArray()));
                    }

                    steps.Add(new ParallelStep(index, parallel.ToEquatableArray()));
                    current = join;
                    arrivedAtMeeting = true;
                    continue;

                case FlowNodeKind.StartEvent or FlowNodeKind.ExclusiveGateway or FlowNodeKind.ParallelGateway
                    or FlowNodeKind.Task or FlowNodeKind.ServiceTask or FlowNodeKind.SendTask
                    or FlowNodeKind.BusinessRuleTask or FlowNodeKind.ScriptTask:
                    steps.Add(new NodeStep(index));
                    break;

                default:
                    return Outcome.Failed;
            }

            if (outgoing.Count == 0 && !inParallel)
            {
                // An implicit end; inside a parallel branch other tokens live on (token engine).
                steps.Add(new ImplicitEndStep(index, subProcess));
                return Outcome.Ended;
            }

            // A condition out of an activity is an implicit inclusive split: the token engine runs it.
            if (outgoing.Count != 1 || outgoing[0].Condition is not null)
            {
                return Outcome.Failed;
            }

            current = outgoing[0].TargetRef;
        }
    }

    private string? Meeting(FlowNode split)
    {
        if (!_postDominators.TryGetValue(split.ScopeId, out var dominators))
        {
            _postDominators[split.ScopeId] = dominators = new PostDominators(_graph, split.ScopeId);
        }

        return dominators.Immediate(split.Id);
    }
}

/// <summary>Flows by identity: records compare by value, and a value lookup of every branch is quadratic.</summary>
internal sealed class ReferenceComparer : IEqualityComparer<SequenceFlow>
{
    public static readonly ReferenceComparer Instance = new();

    public bool Equals(SequenceFlow? x, SequenceFlow? y) => ReferenceEquals(x, y);

    public int GetHashCode(SequenceFlow obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
