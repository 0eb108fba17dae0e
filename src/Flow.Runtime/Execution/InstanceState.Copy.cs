using System;
using System.Collections.Generic;

namespace Flow;

// A deep copy of a state, as a JSON round trip would give it but without the text: what the
// in-memory store keeps of an instance (copied when saved) and what a command runs on (copied
// when loaded), so no copy is ever shared with a run, a handler or a caller.
//
// It copies exactly what InstanceStateJson saves (so the JSON of the copy is the JSON of the
// original, an empty timer, loop or call list included), and leaves out what that does not save (call requests,
// escalations, abandoned calls, thrown signals, the exception). A new saved field is copied here
// too: InstanceStateCopyTests fills every public property by reflection and fails on one missed.
public sealed partial class InstanceState<TData>
{
    /// <summary>Whether any token listens for something (without making the list).</summary>
    internal bool HasSubscriptions => _rare?.Subscriptions is { Count: > 0 };

    /// <summary>The scopes, or null when none were ever made (reading <see cref="Scopes"/> would make the list).</summary>
    internal List<ScopeState>? ScopesIfAny => _rare?.Scopes;

    /// <summary>The subscriptions, or null when none were ever made.</summary>
    internal List<SubscriptionState>? SubscriptionsIfAny => _rare?.Subscriptions;

    /// <summary>A copy sharing no mutable object with this state; the data is copied by <paramref name="copyData"/>.</summary>
    internal InstanceState<TData> Copy(Func<TData, TData> copyData)
    {
        var copy = new InstanceState<TData>
        {
            InstanceId = InstanceId,
            ProcessKey = ProcessKey,
            DefinitionHash = DefinitionHash,
            Status = Status,
            TraceDropped = TraceDropped,
            Data = _data is null ? null! : copyData(_data),
            Failure = Failure is { } failure ? new FailureState { NodeId = failure.NodeId, Kind = failure.Kind, Message = failure.Message } : null,
            NextId = NextId,
            CalledBy = CalledBy is { } caller ? new CallerState { InstanceId = caller.InstanceId, NodeId = caller.NodeId } : null,
        };

        if (_tokens is { Count: > 0 } tokens)
        {
            var copied = new List<TokenState>(tokens.Count + 1);
            foreach (var t in tokens)
            {
                copied.Add(new TokenState { Id = t.Id, NodeId = t.NodeId, ScopeId = t.ScopeId, ArrivedBy = t.ArrivedBy, Wait = t.Wait, Inputs = t.Inputs });
            }

            copy._tokens = copied;
        }

        if (ScopesIfAny is { Count: > 0 } scopes)
        {
            copy.Scopes = scopes.ConvertAll(s => new ScopeState
            {
                Id = s.Id, NodeId = s.NodeId, ParentTokenId = s.ParentTokenId, ParentScopeId = s.ParentScopeId, LoopCounter = s.LoopCounter,
                Compensating = s.Compensating is { } compensating ? CopyCompensables(compensating) : null,
            });
        }

        if (SubscriptionsIfAny is { Count: > 0 } subscriptions)
        {
            copy.Subscriptions = subscriptions.ConvertAll(s => new SubscriptionState
            {
                TokenId = s.TokenId, NodeId = s.NodeId, Kind = s.Kind, Name = s.Name, CorrelationKey = s.CorrelationKey, ConditionHeld = s.ConditionHeld, ScopeId = s.ScopeId,
            });
        }

        if (_trace is { Count: > 0 } trace)
        {
            // Room for a few more nodes: the copy a command runs on grows by the nodes it takes.
            var copied = new List<string>(trace.Count + 4);
            copied.AddRange(trace);
            copy._trace = copied;
        }

        if (Timers is { } timers)
        {
            copy.Timers = timers.ConvertAll(t => new TimerState
            {
                JobId = t.JobId, NodeId = t.NodeId, TokenId = t.TokenId, WaitNodeId = t.WaitNodeId, DueAt = t.DueAt, Fired = t.Fired, ScopeId = t.ScopeId,
            });
        }

        if (Loops is { } loops)
        {
            copy.Loops = loops.ConvertAll(l => new LoopState
            {
                TokenId = l.TokenId, NodeId = l.NodeId, Type = l.Type, Instances = l.Instances, Completed = l.Completed, Done = (byte[]?)l.Done?.Clone(),
                Inputs = l.Inputs is null ? null : new SortedDictionary<int, string>(l.Inputs),
            });
        }

        if (Calls is { } calls)
        {
            copy.Calls = calls.ConvertAll(c => new CallState { TokenId = c.TokenId, NodeId = c.NodeId, ChildInstanceId = c.ChildInstanceId, LoopCounter = c.LoopCounter });
        }

        if (Compensable is { } compensable)
        {
            copy.Compensable = CopyCompensables(compensable);
        }

        copy.Continuations = CopyContinuations();
        return copy;
    }

    private static List<CompensableState> CopyCompensables(List<CompensableState> list) =>
        list.ConvertAll(c => new CompensableState { NodeId = c.NodeId, ScopeId = c.ScopeId, InnerScopeId = c.InnerScopeId, LoopCounter = c.LoopCounter, Element = c.Element,
            ScopeInputs = c.ScopeInputs is { } inputs ? new Dictionary<string, string>(inputs, System.StringComparer.Ordinal) : null });
}
