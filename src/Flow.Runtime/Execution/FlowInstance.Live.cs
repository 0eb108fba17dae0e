using Flow.Instances;

namespace Flow;

/// <summary>An instance the in-memory store keeps as objects rather than JSON.</summary>
internal interface IFreezesState
{
    /// <summary>
    /// Hands the state over to a store, which keeps it unchanged from now on: the caller runs
    /// nothing more on this instance and only reads it (and must not hand out its trace or failure
    /// objects uncopied). The data is copied, since a handler may keep the object and change it later
    /// (not when <see cref="InstanceState{TData}.DataOnlyInEngine"/>: no code outside the engine has it);
    /// not with <paramref name="copyData"/> false, for a state the store writes as JSON during the save
    /// (an ended instance) and never keeps as objects.
    /// </summary>
    LiveState Freeze(bool copyData = true);
}

public abstract partial class FlowInstance<TData> : IFreezesState
{
    /// <inheritdoc/>
    LiveState IFreezesState.Freeze(bool copyData)
    {
        _ = Id;
        var state = State;

        // Data no code outside the engine was given is kept itself: nothing else can change it.
        if (copyData && !state.DataOnlyInEngine && state.DataInEngine is { } data)
        {
            state.Data = DataCopy<TData>.For(_process.DataJson, data)(data);
        }

        return new LiveState(_process, state);
    }
}
