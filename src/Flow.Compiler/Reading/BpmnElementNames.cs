using System.Collections.Generic;
using Flow.Compiler.Model;

namespace Flow.Compiler.Reading;

/// <summary>The BPMN 2.0 element names the reader knows, by role.</summary>
internal static class BpmnElementNames
{
    public static readonly IReadOnlyDictionary<string, FlowNodeKind> FlowNodes = new Dictionary<string, FlowNodeKind>
    {
        ["startEvent"] = FlowNodeKind.StartEvent,
        ["endEvent"] = FlowNodeKind.EndEvent,
        ["intermediateCatchEvent"] = FlowNodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = FlowNodeKind.IntermediateThrowEvent,
        ["implicitThrowEvent"] = FlowNodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = FlowNodeKind.BoundaryEvent,
        ["task"] = FlowNodeKind.Task,
        ["serviceTask"] = FlowNodeKind.ServiceTask,
        ["sendTask"] = FlowNodeKind.SendTask,
        ["receiveTask"] = FlowNodeKind.ReceiveTask,
        ["userTask"] = FlowNodeKind.UserTask,
        ["manualTask"] = FlowNodeKind.ManualTask,
        ["businessRuleTask"] = FlowNodeKind.BusinessRuleTask,
        ["scriptTask"] = FlowNodeKind.ScriptTask,
        ["callActivity"] = FlowNodeKind.CallActivity,
        ["subProcess"] = FlowNodeKind.SubProcess,
        ["transaction"] = FlowNodeKind.Transaction,
        ["adHocSubProcess"] = FlowNodeKind.AdHocSubProcess,
        ["exclusiveGateway"] = FlowNodeKind.ExclusiveGateway,
        ["inclusiveGateway"] = FlowNodeKind.InclusiveGateway,
        ["parallelGateway"] = FlowNodeKind.ParallelGateway,
        ["eventBasedGateway"] = FlowNodeKind.EventBasedGateway,
        ["complexGateway"] = FlowNodeKind.ComplexGateway,
    };

    public static readonly IReadOnlyDictionary<string, EventDefinitionKind> EventDefinitions = new Dictionary<string, EventDefinitionKind>
    {
        ["messageEventDefinition"] = EventDefinitionKind.Message,
        ["timerEventDefinition"] = EventDefinitionKind.Timer,
        ["errorEventDefinition"] = EventDefinitionKind.Error,
        ["escalationEventDefinition"] = EventDefinitionKind.Escalation,
        ["cancelEventDefinition"] = EventDefinitionKind.Cancel,
        ["compensateEventDefinition"] = EventDefinitionKind.Compensate,
        ["conditionalEventDefinition"] = EventDefinitionKind.Conditional,
        ["linkEventDefinition"] = EventDefinitionKind.Link,
        ["signalEventDefinition"] = EventDefinitionKind.Signal,
        ["terminateEventDefinition"] = EventDefinitionKind.Terminate,
    };

    public static readonly IReadOnlyDictionary<string, DataElementKind> DataElements = new Dictionary<string, DataElementKind>
    {
        ["dataObject"] = DataElementKind.DataObject,
        ["dataObjectReference"] = DataElementKind.DataObjectReference,
        ["dataStoreReference"] = DataElementKind.DataStoreReference,
        ["property"] = DataElementKind.Property,
    };

    public static readonly IReadOnlyDictionary<string, GlobalElementKind> GlobalElements = new Dictionary<string, GlobalElementKind>
    {
        ["message"] = GlobalElementKind.Message,
        ["signal"] = GlobalElementKind.Signal,
        ["error"] = GlobalElementKind.Error,
        ["escalation"] = GlobalElementKind.Escalation,
        ["itemDefinition"] = GlobalElementKind.ItemDefinition,
        ["dataStore"] = GlobalElementKind.DataStore,
        ["interface"] = GlobalElementKind.Interface,
        ["resource"] = GlobalElementKind.Resource,
        ["category"] = GlobalElementKind.Category,
        ["collaboration"] = GlobalElementKind.Collaboration,
        ["choreography"] = GlobalElementKind.Choreography,
        ["globalConversation"] = GlobalElementKind.Conversation,
        ["globalTask"] = GlobalElementKind.GlobalTask,
        ["globalUserTask"] = GlobalElementKind.GlobalTask,
        ["globalManualTask"] = GlobalElementKind.GlobalTask,
        ["globalScriptTask"] = GlobalElementKind.GlobalTask,
        ["globalBusinessRuleTask"] = GlobalElementKind.GlobalTask,
        ["globalChoreographyTask"] = GlobalElementKind.Choreography,
        ["partnerEntity"] = GlobalElementKind.PartnerEntity,
        ["partnerRole"] = GlobalElementKind.PartnerRole,
        ["correlationProperty"] = GlobalElementKind.CorrelationProperty,
        ["endPoint"] = GlobalElementKind.EndPoint,
        ["import"] = GlobalElementKind.Import,
        ["extension"] = GlobalElementKind.Extension,
        ["relationship"] = GlobalElementKind.Relationship,
    };

    /// <summary>
    /// Children of a process or sub-process that carry no behaviour we execute: containers
    /// (lanes), artifacts, documentation and modeller metadata.
    /// </summary>
    public static readonly ISet<string> IgnoredInScope = new HashSet<string>
    {
        "documentation", "extensionElements", "laneSet", "lane", "textAnnotation", "association",
        "group", "ioSpecification", "ioBinding", "auditing", "monitoring", "supports",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "correlationSubscription",
        "incoming", "outgoing", "dataInputAssociation", "dataOutputAssociation",
        "standardLoopCharacteristics", "multiInstanceLoopCharacteristics", "completionCondition",
    };
}
