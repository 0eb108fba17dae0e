using System.Collections.Generic;
using System.Linq;

namespace Flow.Bpmn.Model;

/// <summary>
/// A BPMN file: its processes and the messages, signals, errors and escalations their events
/// refer to. Camunda's <c>BpmnModelInstance</c>. Write it with <see cref="Bpmn.WriteModel(BpmnDefinitions)"/>.
/// </summary>
public sealed class BpmnDefinitions : BpmnElement
{
    public BpmnDefinitions(string id = "Definitions_1")
        : base(id)
    {
    }

    public string TargetNamespace { get; set; } = "http://bpmn.io/schema/bpmn";

    /// <summary>Messages, signals, errors and escalations, in the order they are written.</summary>
    public List<BpmnRootElement> RootElements { get; } = new();

    public List<BpmnProcess> Processes { get; } = new();

    public BpmnProcess? FindProcess(string id) => Processes.FirstOrDefault(p => p.Id == id);

    public BpmnRootElement? FindRootElement(string id) => RootElements.FirstOrDefault(e => e.Id == id);

    /// <summary>The flow node with the id, in any process or sub-process; null when none.</summary>
    public BpmnFlowNode? FindNode(string id) => AllNodes().FirstOrDefault(n => n.Id == id);

    /// <summary>Every flow node, depth first in document order.</summary>
    public IEnumerable<BpmnFlowNode> AllNodes() => Processes.SelectMany(p => NodesIn(p));

    /// <summary>Every sequence flow, depth first in document order.</summary>
    public IEnumerable<BpmnSequenceFlow> AllFlows() =>
        Processes.SelectMany(p => p.SequenceFlows.Concat(NodesIn(p).SelectMany(n => n.SequenceFlows)));

    /// <summary>The scope (process or sub-process) that directly holds the node; null when none.</summary>
    public IBpmnScope? ScopeOf(string nodeId) => Scopes().FirstOrDefault(s => s.FlowNodes.Any(n => n.Id == nodeId));

    /// <summary>Every scope: processes and their containers, depth first.</summary>
    public IEnumerable<IBpmnScope> Scopes() =>
        Processes.SelectMany(p => new IBpmnScope[] { p }.Concat(NodesIn(p).Where(n => n.Kind.IsContainer())));

    /// <summary>Every association, depth first in document order.</summary>
    public IEnumerable<BpmnAssociation> AllAssociations() => Scopes().SelectMany(s => s.Associations);

    /// <summary>Every element id in use (definitions, root elements, processes, nodes, flows, associations).</summary>
    public IEnumerable<string> AllIds() =>
        new[] { Id }.Concat(RootElements.Select(e => e.Id)).Concat(Processes.Select(p => p.Id))
            .Concat(AllNodes().Select(n => n.Id)).Concat(AllFlows().Select(f => f.Id)).Concat(AllAssociations().Select(a => a.Id));

    internal static IEnumerable<BpmnFlowNode> NodesIn(IBpmnScope scope)
    {
        foreach (var node in scope.FlowNodes)
        {
            yield return node;
            foreach (var inner in NodesIn(node))
            {
                yield return inner;
            }
        }
    }
}
