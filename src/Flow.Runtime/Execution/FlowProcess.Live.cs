namespace Flow;

/// <summary>Resuming an instance from a live state the in-memory store kept (a copy of it, never the kept objects).</summary>
public abstract partial class FlowProcess<TData>
{
    /// <summary>An instance over <paramref name="state"/>, a copy of a state this process type saved (not checked again); null when the process cannot make one.</summary>
    internal virtual FlowInstance<TData>? ResumeCopy(InstanceState<TData> state) => null;
}

/// <inheritdoc cref="FlowProcess{TData}"/>
public abstract partial class FlowProcess<TData, TInstance>
{
    /// <inheritdoc/>
    internal override FlowInstance<TData>? ResumeCopy(InstanceState<TData> state) => CreateInstance(state.DataInEngine, state);
}
