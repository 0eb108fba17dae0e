using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>The node behaviour of a process, by node and flow index, as the engine calls it.</summary>
/// <typeparam name="TData">The process data type.</typeparam>
public abstract partial class FlowProcess<TData> : ITimerMisfireSetting
    where TData : class
{
    private ExecutableGraph? _graph;

    /// <summary>The process's static description.</summary>
    public abstract ProcessDescription Definition { get; }

    internal ExecutableGraph Graph => _graph ??= ExecutableGraph.For(Definition);

    /// <summary>Bounds on each token-engine run of this process's instances (steps, trace length).</summary>
    public ExecutionLimits Limits
    {
        get => _limits;
        set => _limits = value ?? throw new ArgumentNullException(nameof(value));
    }

    private ExecutionLimits _limits = ExecutionLimits.Default;

    private TimeProvider _clock = TimeProvider.System;

    /// <summary>The clock timers are scheduled by (the engine sets its own; tests a fake one).</summary>
    public TimeProvider Clock
    {
        get => _clock;
        set => _clock = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Evaluates the C# expression of a timer event (generated for timers written as expressions).</summary>
    protected internal virtual TimerValue EvaluateTimer(int nodeIndex, TData data) =>
        throw new InvalidOperationException($"Node '{Definition.Nodes[nodeIndex].Id}' has no timer expression.");

    /// <summary>
    /// Evaluates the C# expression of a timer event inside sub-processes with input parameters,
    /// which it sees through <paramref name="loop"/> (<see cref="LoopInfo.ScopeInputs"/>); by default
    /// the expression without them. Generated code overrides it for such timers.
    /// </summary>
    protected internal virtual TimerValue EvaluateTimer(int nodeIndex, TData data, LoopInfo loop) => EvaluateTimer(nodeIndex, data);

    /// <summary>When the timer of node <paramref name="nodeIndex"/> is first due, from now (FLOW6160 when its value is not a time).</summary>
    internal DateTimeOffset TimerDue(int nodeIndex, TData data, LoopInfo loop = default)
    {
        var node = Definition.Nodes[nodeIndex];
        var timer = node.Timer ?? throw new FlowExecutionException(node.Id, $"'{node.Id}' has no timer definition.");
        var value = timer.Literal is { } literal ? (TimerValue)literal : EvaluateTimer(nodeIndex, data, loop);
        return Timers.TimerSchedule.FirstDue(node.Id, timer.Kind, value, Clock.GetUtcNow());
    }

    /// <summary>What a cycle does with occurrences its host missed (the engine sets its own <see cref="Engine.FlowEngine.TimerMisfire"/>).</summary>
    public TimerMisfire TimerMisfire { get; set; }

    /// <summary>
    /// The next occurrence of a timeCycle timer that fired <paramref name="fired"/> times, the last
    /// at <paramref name="previousDue"/>, with the count it follows (missed occurrences skipped
    /// under <see cref="TimerMisfire"/> count as fired); null for a duration or date, or when the cycle is over.
    /// </summary>
    internal (DateTimeOffset Due, int Fired)? TimerNextDue(int nodeIndex, TData data, DateTimeOffset previousDue, int fired, LoopInfo loop = default)
    {
        var node = Definition.Nodes[nodeIndex];
        if (node.Timer is not { Kind: TimerKind.Cycle } timer)
        {
            return null;
        }

        var cycle = timer.Literal ?? EvaluateTimer(nodeIndex, data, loop).Text;
        return cycle is null ? null : Timers.TimerSchedule.NextCycleDue(cycle, previousDue, fired, Clock.GetUtcNow(), TimerMisfire);
    }
    /// <summary>
    /// Reads and writes this process's data as JSON. The generator overrides it for the data class
    /// it declares (no reflection); a user's own data type goes through System.Text.Json.
    /// </summary>
    protected internal virtual DataJson<TData> DataJson => ReflectionDataJson<TData>.Instance;

    /// <summary>Runs the handler of a service-like task (task, service, send, business rule).</summary>
    protected internal abstract ValueTask InvokeHandlerAsync(int nodeIndex, TaskContext<TData> context, CancellationToken cancellationToken);

    /// <summary>Evaluates the condition of a sequence flow.</summary>
    protected internal virtual bool EvaluateCondition(int flowIndex, TData data) =>
        throw new InvalidOperationException($"Flow '{Definition.Flows[flowIndex].Id}' has no condition.");

    /// <summary>Evaluates a call activity's in mapping written as a C# sourceExpression (<see cref="CallMappingDescription.ExpressionIndex"/>).</summary>
    protected internal virtual object? EvaluateCallInput(int expressionIndex, TData data) =>
        throw new InvalidOperationException($"The process has no call input expression {expressionIndex}.");

    /// <summary>Evaluates the condition of a conditional event (catch, boundary or event sub-process start).</summary>
    protected internal virtual bool EvaluateEventCondition(int nodeIndex, TData data) =>
        throw new InvalidOperationException($"Node '{Definition.Nodes[nodeIndex].Id}' has no condition.");

    /// <summary>
    /// Evaluates the condition of a conditional event inside sub-processes with input parameters,
    /// which it sees through <paramref name="loop"/> (<see cref="LoopInfo.ScopeInputs"/>); by default
    /// the condition without them. Generated code overrides it for such conditions.
    /// </summary>
    protected internal virtual bool EvaluateEventCondition(int nodeIndex, TData data, LoopInfo loop) => EvaluateEventCondition(nodeIndex, data);

    /// <summary>
    /// Writes into <paramref name="trace"/> the nodes a straight-line run took, given the branches
    /// it chose (<paramref name="path"/>: a 4-bit field per choice at a position fixed by the generator) and the node it stopped at on failure.
    /// </summary>
    protected internal virtual void ReplayStraightTrace(ulong path, string? stoppedAt, List<string> trace)
    {
    }

    /// <summary>
    /// The correlation key a message catch at <paramref name="nodeIndex"/> waits for (its
    /// <c>flow:correlationKey</c> expression over the data, as text), or null: any key matches.
    /// </summary>
    protected internal virtual string? CorrelationKey(int nodeIndex, TData data) => null;

    /// <summary>
    /// The correlation key of a message catch inside sub-processes with input parameters, which it
    /// sees through <paramref name="loop"/> (<see cref="LoopInfo.ScopeInputs"/>); by default the key
    /// without them. Generated code overrides it for such keys.
    /// </summary>
    protected internal virtual string? CorrelationKey(int nodeIndex, TData data, LoopInfo loop) => CorrelationKey(nodeIndex, data);

        /// <summary>Runs a script task's C# script.</summary>
    protected internal virtual void RunScript(int nodeIndex, TaskContext<TData> context) =>
        throw new InvalidOperationException($"Node '{Definition.Nodes[nodeIndex].Id}' has no script.");
}
