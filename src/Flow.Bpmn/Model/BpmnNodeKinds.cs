using System.Collections.Generic;
using System.Linq;

namespace Flow.Bpmn.Model;

/// <summary>What a node kind is (event, activity, gateway, container) and its BPMN element name.</summary>
public static class BpmnNodeKinds
{
    private static readonly Dictionary<BpmnNodeKind, string> Names = new()
    {
        [BpmnNodeKind.StartEvent] = "startEvent",
        [BpmnNodeKind.EndEvent] = "endEvent",
        [BpmnNodeKind.IntermediateCatchEvent] = "intermediateCatchEvent",
        [BpmnNodeKind.IntermediateThrowEvent] = "intermediateThrowEvent",
        [BpmnNodeKind.BoundaryEvent] = "boundaryEvent",
        [BpmnNodeKind.Task] = "task",
        [BpmnNodeKind.UserTask] = "userTask",
        [BpmnNodeKind.ServiceTask] = "serviceTask",
        [BpmnNodeKind.ScriptTask] = "scriptTask",
        [BpmnNodeKind.SendTask] = "sendTask",
        [BpmnNodeKind.ReceiveTask] = "receiveTask",
        [BpmnNodeKind.ManualTask] = "manualTask",
        [BpmnNodeKind.BusinessRuleTask] = "businessRuleTask",
        [BpmnNodeKind.CallActivity] = "callActivity",
        [BpmnNodeKind.SubProcess] = "subProcess",
        [BpmnNodeKind.Transaction] = "transaction",
        [BpmnNodeKind.AdHocSubProcess] = "adHocSubProcess",
        [BpmnNodeKind.ExclusiveGateway] = "exclusiveGateway",
        [BpmnNodeKind.InclusiveGateway] = "inclusiveGateway",
        [BpmnNodeKind.ParallelGateway] = "parallelGateway",
        [BpmnNodeKind.EventBasedGateway] = "eventBasedGateway",
        [BpmnNodeKind.ComplexGateway] = "complexGateway",
    };

    private static readonly Dictionary<string, BpmnNodeKind> Kinds = Names.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The BPMN element's local name (<c>userTask</c>).</summary>
    public static string ElementName(this BpmnNodeKind kind) => Names[kind];

    /// <summary>The kind of a BPMN element by local name; false for elements the model does not hold.</summary>
    public static bool TryParse(string elementName, out BpmnNodeKind kind) => Kinds.TryGetValue(elementName, out kind);

    public static bool IsEvent(this BpmnNodeKind kind) => kind <= BpmnNodeKind.BoundaryEvent;

    public static bool IsGateway(this BpmnNodeKind kind) => kind >= BpmnNodeKind.ExclusiveGateway;

    public static bool IsActivity(this BpmnNodeKind kind) => !kind.IsEvent() && !kind.IsGateway();

    /// <summary>A node that holds flow nodes of its own (sub-process, transaction, ad-hoc sub-process).</summary>
    public static bool IsContainer(this BpmnNodeKind kind) => kind is BpmnNodeKind.SubProcess or BpmnNodeKind.Transaction or BpmnNodeKind.AdHocSubProcess;
}
