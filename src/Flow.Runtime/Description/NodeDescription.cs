namespace Flow;

/// <summary>One flow node of a process, as drawn.</summary>
public sealed class NodeDescription
{
    /// <summary>Creates a node description (generated code calls this).</summary>
    public NodeDescription(string id, string? name, NodeKind kind, string scopeId, EventKind eventKind = EventKind.None, string? errorCode = null)
    {
        Id = id;
        Name = name;
        Kind = kind;
        ScopeId = scopeId;
        EventKind = eventKind;
        ErrorCode = errorCode;
    }

    /// <summary>The BPMN id.</summary>
    public string Id { get; }

    /// <summary>The label, if any.</summary>
    public string? Name { get; }

    /// <summary>What kind of node it is.</summary>
    public NodeKind Kind { get; }

    /// <summary>The id of the process or sub-process that directly contains the node.</summary>
    public string ScopeId { get; }

    /// <summary>For events: the (single) event definition.</summary>
    public EventKind EventKind { get; }

    /// <summary>For error events: the error code (or error name) thrown.</summary>
    public string? ErrorCode { get; }

    /// <inheritdoc/>
    public override string ToString() => Kind + " " + Id;
}
