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

    /// <summary>For wait states and message or signal catches: the data members a completion or the event's payload sets (flow:output), by name.</summary>
    public IReadOnlyList<string> Outputs { get; init; }

    /// <summary><see cref="Outputs"/> as UTF-8, made once, for a completion's JSON keys to be matched without transcoding each name per call.</summary>
    internal byte[][] Utf8Outputs => _utf8Outputs ??= Utf8(Outputs);

    private byte[][]? _utf8Outputs;

    private static byte[][] Utf8(IReadOnlyList<string> names)
    {
        var bytes = new byte[names.Count][];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = System.Text.Encoding.UTF8.GetBytes(names[i]);
        }

        return bytes;
    }

    /// <summary>For boundary events: the activity they are attached to.</summary>
    public string? AttachedToId { get; init; }

    /// <summary>For sub-processes: an event sub-process (triggeredByEvent), started by the event of its start event while its scope runs.</summary>
    public bool TriggeredByEvent { get; init; }

    /// <summary>For boundary events and the start events of event sub-processes: whether catching cancels the activity or scope (cancelActivity / isInterrupting, default true).</summary>
    public bool Interrupting { get; init; } = true;

    /// <summary>
    /// What the event throws or catches by name: the message or signal name, the escalation code,
    /// the link name; null for a catch-all (an error or escalation boundary without code).
    /// </summary>
    public string? EventName { get; init; }

    /// <summary>
    /// For tasks bound by name (<c>camunda:delegateExpression</c>, <c>camunda:class</c>,
    /// <c>camunda:expression</c>, <c>flow:handler</c> in content): the name of the handler the host
    /// registers; a deployment without it is refused (FLOW6240).
    /// </summary>
    public string? HandlerBinding { get; init; }

    /// <summary>For timer events: what the timer waits for (generated code sets it).</summary>
    public TimerDescription? Timer { get; init; }

    /// <summary>For loop and multi-instance activities: how they repeat (generated code sets it).</summary>
    public LoopDescription? Loop { get; init; }

    /// <summary>For call activities: what they call and how data crosses.</summary>
    public CallDescription? Call { get; init; }

    /// <summary>A job boundary before and/or after the node (camunda:asyncBefore/asyncAfter); null when it has none.</summary>
    public AsyncDescription? Async { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Kind + " " + Id;
}
