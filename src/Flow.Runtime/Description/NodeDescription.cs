using System;
using System.Collections.Generic;

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
        Outputs = Array.Empty<string>();
    }

    /// <summary>Creates the description of a wait state with declared outputs (generated code calls this).</summary>
    public NodeDescription(string id, string? name, NodeKind kind, string scopeId, IReadOnlyList<string> outputs)
        : this(id, name, kind, scopeId) => Outputs = outputs ?? throw new ArgumentNullException(nameof(outputs));

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

    /// <summary>For wait states: the data members a completion sets (flow:output), by name.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>For timer events: what the timer waits for (generated code sets it).</summary>
    public TimerDescription? Timer { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Kind + " " + Id;
}
