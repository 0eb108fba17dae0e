using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Flow;

public sealed partial class InstanceState<TData>
{
    /// <summary>The tokens waiting at job boundaries (asyncBefore/asyncAfter; null when none); each is a job of the instance.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ContinuationState>? Continuations
    {
        get => _rare?.Continuations;
        set => SetRare(value, static (r, v) => r.Continuations = v);
    }

    /// <summary>A deep copy of <see cref="Continuations"/> (for <see cref="Copy"/>).</summary>
    private List<ContinuationState>? CopyContinuations() => Continuations?.ConvertAll(c => new ContinuationState
    {
        JobId = c.JobId, NodeId = c.NodeId, TokenId = c.TokenId, After = c.After, Flows = c.Flows is null ? null : new List<string>(c.Flows), DueAt = c.DueAt,
    });
}
