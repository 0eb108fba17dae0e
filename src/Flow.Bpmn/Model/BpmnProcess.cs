using System.Collections.Generic;

namespace Flow.Bpmn.Model;

/// <summary>A process: its flow nodes and flows, and its data (<c>flow:variable</c> declarations).</summary>
public sealed class BpmnProcess : BpmnElement, IBpmnScope
{
    public BpmnProcess(string id)
        : base(id)
    {
    }

    public bool IsExecutable { get; set; } = true;

    /// <summary>The process variables, written as <c>&lt;flow:variable name type/&gt;</c> in its extensionElements.</summary>
    public List<BpmnVariable> Variables { get; } = new();

    public List<BpmnFlowNode> FlowNodes { get; } = new();

    public List<BpmnSequenceFlow> SequenceFlows { get; } = new();

    /// <summary>Associations between flow nodes of the process (compensation boundary event to handler).</summary>
    public List<BpmnAssociation> Associations { get; } = new();
}
