using System;
using System.Collections.Generic;

namespace Flow;

// Most instances have no sub-process scope, subscription, timer, loop, call, compensation, job
// boundary or failure, yet a state is made at every start and copied at every command: those
// members live in a side object made when one is first set to something, so the state itself
// stays small (80 bytes instead of 192). The public properties are unchanged.
public sealed partial class InstanceState<TData>
{
    private RareMembers? _rare;

    /// <summary>The side object, made when first needed.</summary>
    private RareMembers Rare => _rare ??= new();

    /// <summary>Sets a rare member; setting null (or the default) where there is no side object makes none.</summary>
    private void SetRare<T>(T? value, Action<RareMembers, T?> set)
        where T : class
    {
        if (value is not null || _rare is not null)
        {
            set(Rare, value);
        }
    }

    /// <summary>The members of a state that most instances never set.</summary>
    private sealed class RareMembers
    {
        public List<ScopeState>? Scopes;
        public List<SubscriptionState>? Subscriptions;
        public long TraceDropped;
        public List<TimerState>? Timers;
        public List<LoopState>? Loops;
        public FailureState? Failure;
        public List<CallRequest>? CallRequests;
        public List<string>? UncaughtEscalations;
        public List<string>? AbandonedCalls;
        public List<CallState>? Calls;
        public CallerState? CalledBy;
        public List<CompensableState>? Compensable;
        public List<string>? ThrownSignals;
        public Exception? Exception;
        public List<ContinuationState>? Continuations;
    }
}
