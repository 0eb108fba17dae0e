using System.ComponentModel;

namespace Flow;

/// <summary>
/// Where a loop or multi-instance activity is, as its handlers, scripts and conditions see it
/// (Camunda's <c>loopCounter</c>, <c>nrOfInstances</c>, <c>nrOfActiveInstances</c>,
/// <c>nrOfCompletedInstances</c>). The default value means "not in a loop".
/// </summary>
public readonly struct LoopInfo
{
    /// <summary>Creates loop information (the engine does this).</summary>
    public LoopInfo(int loopCounter, int nrOfInstances, int nrOfActiveInstances, int nrOfCompletedInstances)
    {
        LoopCounter = loopCounter;
        NrOfInstances = nrOfInstances;
        NrOfActiveInstances = nrOfActiveInstances;
        NrOfCompletedInstances = nrOfCompletedInstances;
        IsLoop = true;
    }

    private readonly System.Func<string, string?>? _scopeInputs;

    /// <summary>The same loop information, with the saved input parameters of the sub-processes around the code (the engine does this).</summary>
    internal LoopInfo(LoopInfo loop, System.Func<string, string?> scopeInputs)
    {
        this = loop;
        _scopeInputs = scopeInputs;
    }

    /// <summary>
    /// The input parameters (JSON) of the innermost running sub-process <paramref name="subProcessId"/>
    /// around the code, as the engine saved them when it started; null when there are none
    /// (generated code reads a sub-process's inputs through this: camunda:inputOutput).
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public string? ScopeInputs(string subProcessId) => _scopeInputs?.Invoke(subProcessId);

    /// <summary>Whether the activity runs in a loop at all.</summary>
    public bool IsLoop { get; }

    /// <summary>The element's index (multi-instance) or the iteration, from 0 (standard loop).</summary>
    public int LoopCounter { get; }

    /// <summary>How many elements the multi-instance has (-1 for a standard loop, which does not know in advance).</summary>
    public int NrOfInstances { get; }

    /// <summary>How many elements are running or waiting now.</summary>
    public int NrOfActiveInstances { get; }

    /// <summary>How many elements (or iterations) have completed.</summary>
    public int NrOfCompletedInstances { get; }

    /// <summary>
    /// In a compensation handler of a multi-instance element: the element as saved when it
    /// completed (JSON, <see cref="LoopElementJson"/>); null elsewhere, where the element is read
    /// from the collection. Generated code reads it with <see cref="LoopElementJson.Read{T}(string)"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public string? SavedElement { get; init; }
}
