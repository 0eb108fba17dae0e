using System.Collections.Generic;

namespace Flow.Bpmn.Model;

/// <summary>A process or a sub-process: a container of flow nodes and the sequence flows between them.</summary>
public interface IBpmnScope
{
    string Id { get; }

    List<BpmnFlowNode> FlowNodes { get; }

    List<BpmnSequenceFlow> SequenceFlows { get; }

    /// <summary>Associations between the scope's flow nodes (compensation boundary event to handler).</summary>
    List<BpmnAssociation> Associations { get; }
}
