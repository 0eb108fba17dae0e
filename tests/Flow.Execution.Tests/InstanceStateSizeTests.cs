namespace Flow.Execution.Tests;

/// <summary>
/// A state is made at every start and copied at every command (issue 11), so what most instances
/// never use (scopes, subscriptions, timers, loops, calls, compensation, jobs, a failure) lives in
/// a side object made when first set.
/// </summary>
public class InstanceStateSizeTests
{
    public sealed class Payload
    {
        public int Amount { get; set; }
    }

    [Fact]
    public void A_new_state_is_small_and_setting_rare_members_to_null_makes_no_side_object()
    {
        _ = Make();   // JIT and statics first
        var before = GC.GetAllocatedBytesForCurrentThread();
        var state = Make();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 192 bytes with every member a field of its own.
        Assert.True(allocated <= 80, $"a new state allocated {allocated} bytes");
        GC.KeepAlive(state);
    }

    [Fact]
    public void Rare_members_keep_what_is_set_and_go_back_to_null()
    {
        var state = new InstanceState<Payload>();
        Assert.Null(state.ScopesIfAny);
        Assert.False(state.HasSubscriptions);

        state.Timers = new List<TimerState> { new() { JobId = "j" } };
        state.TraceDropped = 7;
        state.Failure = new FailureState { NodeId = "n" };
        state.Scopes.Add(new ScopeState { Id = 3 });
        state.Subscriptions.Add(new SubscriptionState { Name = "m" });

        Assert.Equal("j", Assert.Single(state.Timers).JobId);
        Assert.Equal(7, state.TraceDropped);
        Assert.Equal("n", state.Failure!.NodeId);
        Assert.Equal(3, Assert.Single(state.ScopesIfAny!).Id);
        Assert.True(state.HasSubscriptions);

        state.EndAllTokens(InstanceStatus.Aborted, failure: null);
        Assert.Null(state.Timers);
        Assert.Null(state.Failure);
        Assert.Empty(state.Scopes);
        Assert.False(state.HasSubscriptions);
        state.TraceDropped = 0;
        Assert.Equal(0, state.TraceDropped);
    }

    private static InstanceState<Payload> Make()
    {
        var state = new InstanceState<Payload> { InstanceId = "i", Status = InstanceStatus.Running, Data = null! };
        state.Timers = null;
        state.Loops = null;
        state.Failure = null;
        state.Calls = null;
        state.CalledBy = null;
        state.Compensable = null;
        state.Continuations = null;
        state.TraceDropped = 0;
        return state;
    }
}
