using System.Collections.Generic;

namespace Flow.Bpmn.Model;

/// <summary>A message, signal, error or escalation of the definitions, which events refer to by id.</summary>
public sealed class BpmnRootElement : BpmnElement
{
    public BpmnRootElement(string id, BpmnRootElementKind kind)
        : base(id)
    {
        Kind = kind;
    }

    public BpmnRootElementKind Kind { get; }

    /// <summary>An error's <c>errorCode</c> or an escalation's <c>escalationCode</c>.</summary>
    public string? Code { get; set; }

    /// <summary>Messages and signals: their payload (<c>flow:output</c> in extensionElements).</summary>
    public List<BpmnVariable> Outputs { get; } = new();

    /// <summary>The element's local name (<c>message</c>).</summary>
    public string ElementName => char.ToLowerInvariant(Kind.ToString()[0]) + Kind.ToString().Substring(1);
}
