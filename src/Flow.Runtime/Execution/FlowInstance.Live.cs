using Flow.Instances;

namespace Flow;

/// <summary>An instance the in-memory store keeps as objects rather than JSON.</summary>
internal interface IFreezesState
{
    /// <summary>A copy of the state as it is now, sharing nothing with this instance, for a store to keep.</summary>
    LiveState Freeze();
}

public abstract partial class FlowInstance<TData> : IFreezesState
{
    /// <inheritdoc/>
    LiveState IFreezesState.Freeze()
    {
        _ = Id;
        var state = State;
        return new LiveState(new FrozenState<TData>(_process, state.Copy(DataCopy<TData>.For(_process.DataJson, state.Data))));
    }
}
