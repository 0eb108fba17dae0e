using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>What the engine needs of an instance to run its call activities (and to be a called instance).</summary>
internal interface ICallingInstance
{
    /// <summary>The calls to start that the last run made; taken once.</summary>
    IReadOnlyList<CallRequest> TakeCallRequests();

    /// <summary>The called instances whose call was left in the last run (to abort); taken once.</summary>
    IReadOnlyList<string> TakeAbandonedCalls();

    /// <summary>The escalations nothing caught in the last run of a called instance; taken once.</summary>
    IReadOnlyList<string> TakeUncaughtEscalations();

    /// <summary>Whether the last run made calls to start (without taking them).</summary>
    bool HasCallRequests { get; }

    /// <summary>Whether the last run left calls (without taking them).</summary>
    bool HasAbandonedCalls { get; }

    /// <summary>The calling instance and call activity, for a called instance.</summary>
    CallerState? CalledBy { get; }

    /// <summary>The running calls.</summary>
    IReadOnlyList<CallState> Calls { get; }

    /// <summary>Tells the instance how its called instance <paramref name="childId"/> ended; false when nothing waits on it any more.</summary>
    ValueTask<bool> EndCallAsync(string childId, CallEnd end, CancellationToken cancellationToken);
}

/// <summary>A process that can start an instance for a call activity.</summary>
internal interface ICallableProcess
{
    /// <summary>Starts an instance with id <paramref name="instanceId"/> called by <paramref name="caller"/>, on the token engine.</summary>
    ValueTask<IFlowInstance> StartCalledAsync(string dataJson, string instanceId, CallerState caller, CancellationToken cancellationToken);
}

public abstract partial class FlowInstance<TData> : ICallingInstance
{
    IReadOnlyList<CallRequest> ICallingInstance.TakeCallRequests() => Take(_state?.CallRequests, static s => s.CallRequests = null);

    IReadOnlyList<string> ICallingInstance.TakeAbandonedCalls() => Take(_state?.AbandonedCalls, static s => s.AbandonedCalls = null);

    IReadOnlyList<string> ICallingInstance.TakeUncaughtEscalations() => Take(_state?.UncaughtEscalations, static s => s.UncaughtEscalations = null);

    bool ICallingInstance.HasCallRequests => _state?.CallRequests is { Count: > 0 };

    bool ICallingInstance.HasAbandonedCalls => _state?.AbandonedCalls is { Count: > 0 };

    CallerState? ICallingInstance.CalledBy => _state?.CalledBy;

    IReadOnlyList<CallState> ICallingInstance.Calls => (IReadOnlyList<CallState>?)_state?.Calls ?? Array.Empty<CallState>();

    ValueTask<bool> ICallingInstance.EndCallAsync(string childId, CallEnd end, CancellationToken cancellationToken) =>
        NewEngine().EndCallAsync(this, childId, end, cancellationToken);

    private IReadOnlyList<T> Take<T>(List<T>? list, Action<InstanceState<TData>> clear)
    {
        if (list is null || _state is null)
        {
            return Array.Empty<T>();
        }

        clear(_state);
        return list;
    }
}
