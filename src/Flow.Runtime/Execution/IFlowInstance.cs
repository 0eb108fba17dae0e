using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>An instance seen without its data type (for hosts, tools and tests).</summary>
public interface IFlowInstance
{
    /// <summary>The instance id.</summary>
    string Id { get; }

    /// <summary>Where the instance stands.</summary>
    InstanceStatus Status { get; }

    /// <summary>The ids of the nodes taken, in order.</summary>
    IReadOnlyList<string> Trace { get; }

    /// <summary>The wait states with a token waiting.</summary>
    IReadOnlyList<string> WaitingAt { get; }

    /// <summary>Why the instance failed, if it did.</summary>
    FailureState? Failure { get; }

    /// <summary>The exception a handler threw, in this process only.</summary>
    Exception? Exception { get; }

    /// <summary>The process data.</summary>
    object Data { get; }

    /// <summary>Completes a wait state without output and runs on.</summary>
    ValueTask CompleteAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Completes a wait state with its declared outputs as a JSON object (FLOW6040 for anything else) and runs on.</summary>
    ValueTask CompleteWithJsonAsync(string nodeId, string? outputJson, CancellationToken cancellationToken = default);

    /// <summary>Completes element <paramref name="elementIndex"/> of a multi-instance or loop wait state (outputs as a JSON object, may be null) and runs on.</summary>
    ValueTask CompleteElementWithJsonAsync(string nodeId, int elementIndex, string? outputJson, CancellationToken cancellationToken = default);

    /// <summary>The indexes of the elements of the multi-instance or loop wait state <paramref name="nodeId"/> that wait now.</summary>
    IReadOnlyList<int> WaitingElements(string nodeId);

    /// <summary>Whether the instance can never run again (completed, aborted, or failed with nothing to retry).</summary>
    bool HasEnded { get; }

    /// <summary>The data as JSON, with the options of the saved state.</summary>
    string DataToJson();

    /// <summary>Runs a failed instance again from the node that failed.</summary>
    ValueTask RetryAsync(CancellationToken cancellationToken = default);

    /// <summary>The instance state as JSON.</summary>
    string ToJson();

    /// <summary>The messages and signals the instance waits for (what a store indexes).</summary>
    IReadOnlyList<Flow.Instances.EventSubscription> Subscriptions { get; }

    /// <summary>The signals the instance threw in this process (for a host to broadcast to other instances).</summary>
    IReadOnlyList<string> ThrownSignals { get; }

    /// <summary>Delivers a message (payload: a JSON object of its declared outputs); FLOW6180 when the instance does not wait for it.</summary>
    ValueTask CorrelateWithJsonAsync(string messageName, string? correlationKey, string? payloadJson, CancellationToken cancellationToken = default);

    /// <summary>Delivers a signal to every catch of the instance that waits for it; returns how many caught it.</summary>
    ValueTask<int> SignalAsync(string signalName, string? payloadJson = null, CancellationToken cancellationToken = default);
    /// <summary>The timers the instance's tokens wait on (each is a job of the instance).</summary>
    IReadOnlyList<TimerState> Timers { get; }

    /// <summary>Fires the timer whose job is <paramref name="jobId"/> and runs on; false (nothing changes) when the instance no longer waits on it.</summary>
    ValueTask<bool> FireTimerAsync(string jobId, CancellationToken cancellationToken = default);
}

/// <summary>A process seen without its data type.</summary>
public interface IFlowProcess
{
    /// <summary>The process's static description.</summary>
    ProcessDescription Definition { get; }

    /// <summary>The process data type.</summary>
    Type DataType { get; }

    /// <summary>Starts an instance with data of <see cref="DataType"/>.</summary>
    ValueTask<IFlowInstance> StartAsync(object data, CancellationToken cancellationToken = default);

    /// <summary>Starts an instance at the start event <paramref name="startNodeId"/> (a message or signal start), applying <paramref name="payloadJson"/> (its declared outputs) to the data first.</summary>
    ValueTask<IFlowInstance> StartAtAsync(object data, string startNodeId, string? payloadJson = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes an instance saved with <see cref="IFlowInstance.ToJson"/>.</summary>
    IFlowInstance ResumeFromJson(string json);

    /// <summary>Reads data of <see cref="DataType"/> from JSON, with the options of the saved state.</summary>
    object DataFromJson(string json);

    /// <summary>Bounds on each run of the process's instances.</summary>
    ExecutionLimits Limits { get; set; }

    /// <summary>The clock timers are scheduled by.</summary>
    TimeProvider Clock { get; set; }

    /// <summary>
    /// Starts an instance at the start event <paramref name="startNodeId"/> (a timer start event
    /// firing) with id <paramref name="instanceId"/> (new when null), on the token engine.
    /// </summary>
    ValueTask<IFlowInstance> StartAtAsync(string startNodeId, object data, string? instanceId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the process's conditional start events whose condition holds for <paramref name="data"/>
    /// (of <see cref="DataType"/>), in document order; a condition that throws is a <see cref="FlowStartConditionException"/> (FLOW6191).
    /// </summary>
    IReadOnlyList<string> StartConditionsHolding(object data);
}
