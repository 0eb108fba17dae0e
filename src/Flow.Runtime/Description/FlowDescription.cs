namespace Flow;

/// <summary>One sequence flow of a process, as drawn.</summary>
public sealed class FlowDescription
{
    /// <summary>Creates a flow description (generated code calls this).</summary>
    public FlowDescription(string id, string sourceId, string targetId, string? condition, bool isDefault)
    {
        Id = id;
        SourceId = sourceId;
        TargetId = targetId;
        Condition = condition;
        IsDefault = isDefault;
    }

    /// <summary>The BPMN id.</summary>
    public string Id { get; }

    /// <summary>The id of the node the flow leaves.</summary>
    public string SourceId { get; }

    /// <summary>The id of the node the flow enters.</summary>
    public string TargetId { get; }

    /// <summary>The condition text as written in the diagram, or null.</summary>
    public string? Condition { get; }

    /// <summary>Whether this is its source's default flow.</summary>
    public bool IsDefault { get; }

    /// <inheritdoc/>
    public override string ToString() => SourceId + " -> " + TargetId;
}
