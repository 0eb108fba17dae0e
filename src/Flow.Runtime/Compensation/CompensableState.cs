using System.Text.Json.Serialization;

namespace Flow;

/// <summary>
/// A completed activity that compensation can still undo: it has a compensation handler, or it is
/// a sub-process (or transaction) with such activities inside. Kept in
/// <see cref="InstanceState{TData}.Compensable"/> in order of completion.
/// </summary>
public sealed class CompensableState
{
    /// <summary>The activity that completed.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The scope instance it completed in: 0 for the process, else a <see cref="ScopeState.Id"/> (which may have ended since).</summary>
    public int ScopeId { get; set; }

    /// <summary>For a sub-process: the scope instance its content ran in (the <see cref="ScopeId"/> of its own completed activities); 0 for other activities.</summary>
    public int InnerScopeId { get; set; }

    /// <summary>For one completed element of a loop or multi-instance activity: its loopCounter (each element is compensated on its own); null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LoopCounter { get; set; }

    /// <summary>
    /// For such an element with an element variable: the element as JSON, saved when it completed,
    /// so its handler sees the element it undoes even if the collection changed since; null otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Element { get; set; }

    /// <summary>
    /// For a sub-process with input parameters (camunda:inputOutput): its inputs as JSON when it
    /// completed, so its compensation event sub-process sees them as Camunda's does (a snapshot of
    /// the scope's locals); null otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Inputs { get; set; }
}
