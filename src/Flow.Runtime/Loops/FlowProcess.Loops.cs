namespace Flow;

/// <summary>The expressions of loop and multi-instance activities, by node index (generated code overrides them).</summary>
public abstract partial class FlowProcess<TData>
{
    /// <summary>How many elements the multi-instance at <paramref name="nodeIndex"/> has: its <c>loopCardinality</c>, or the count of its <c>camunda:collection</c>.</summary>
    protected internal virtual int LoopInstances(int nodeIndex, TData data) =>
        throw new System.InvalidOperationException($"Node '{Definition.Nodes[nodeIndex].Id}' has no loopCardinality or collection.");

    /// <summary>
    /// How many elements the multi-instance at <paramref name="nodeIndex"/> has, its expression seeing
    /// the input parameters of the sub-processes around it through <paramref name="loop"/>
    /// (<see cref="LoopInfo.ScopeInputs"/>); by default the count without them.
    /// </summary>
    protected internal virtual int LoopInstances(int nodeIndex, TData data, LoopInfo loop) => LoopInstances(nodeIndex, data);

    /// <summary>Whether a standard loop runs (again): its <c>loopCondition</c>; true when it has none (then only <c>loopMaximum</c> stops it).</summary>
    protected internal virtual bool LoopCondition(int nodeIndex, TData data, LoopInfo loop) => true;

    /// <summary>Whether a multi-instance is done after an element completed (its <c>completionCondition</c>); false when it has none.</summary>
    protected internal virtual bool LoopCompletion(int nodeIndex, TData data, LoopInfo loop) => false;

    /// <summary>Stores the result of a completed element in the output collection (<c>flow:outputCollection</c>); nothing when there is none.</summary>
    protected internal virtual void GatherLoopOutput(int nodeIndex, TData data, LoopInfo loop)
    {
    }

    /// <summary>
    /// The element at <paramref name="loopCounter"/> of the multi-instance at <paramref name="nodeIndex"/>
    /// as JSON (<see cref="LoopElementJson"/>), saved with the compensation record of that element
    /// when it completes; null when it has no element variable or no compensation handler.
    /// </summary>
    protected internal virtual string? SaveLoopElement(int nodeIndex, TData data, int loopCounter) => null;

    /// <summary>
    /// The element <paramref name="loop"/> is at (its <see cref="LoopInfo.LoopCounter"/>), the
    /// collection seeing the input parameters of the sub-processes around the activity; by default
    /// <see cref="SaveLoopElement(int, TData, int)"/>.
    /// </summary>
    protected internal virtual string? SaveLoopElement(int nodeIndex, TData data, LoopInfo loop) => SaveLoopElement(nodeIndex, data, loop.LoopCounter);

    /// <summary>
    /// The value of in mapping <paramref name="expressionIndex"/> of a multi-instance or looped call
    /// activity, for the element <paramref name="loop"/> (its element variable and loop variables in
    /// scope); by default the mapping without them.
    /// </summary>
    protected internal virtual object? EvaluateCallInput(int expressionIndex, TData data, LoopInfo loop) => EvaluateCallInput(expressionIndex, data);

    /// <summary>
    /// Evaluates the condition of a sequence flow inside a sub-process, for the element
    /// <paramref name="loop"/> of the innermost looped sub-process around it (default when there is
    /// none); by default the condition without them. Generated code overrides it for the conditions
    /// inside a looped sub-process, which see its element variable and loop variables.
    /// </summary>
    protected internal virtual bool EvaluateCondition(int flowIndex, TData data, LoopInfo loop) => EvaluateCondition(flowIndex, data);
}
