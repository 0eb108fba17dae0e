namespace Flow.Bpmn;

/// <summary>The ids of <see cref="BpmnModelException"/> (documented in docs/builder.md).</summary>
public static class BpmnErrors
{
    /// <summary>A required argument is null or empty.</summary>
    public const string MissingArgument = "FLOW8000";

    /// <summary>An id is not an XML NCName.</summary>
    public const string InvalidId = "FLOW8001";

    /// <summary>An id is already used by another element of the definitions.</summary>
    public const string DuplicateId = "FLOW8002";

    /// <summary>No element with the id (move, connect, attach, default flow).</summary>
    public const string UnknownId = "FLOW8003";

    /// <summary>The element is not of the kind the call needs (a boundary event on a gateway, a script on a user task).</summary>
    public const string WrongKind = "FLOW8004";

    /// <summary>A flow would leave a node that has no outgoing flows (end event, event sub-process, link throw).</summary>
    public const string NoOutgoingFlow = "FLOW8005";

    /// <summary>MoveToLastGateway found no gateway before the current node.</summary>
    public const string NoGateway = "FLOW8006";

    /// <summary>SubProcessDone outside a sub-process.</summary>
    public const string NotInSubProcess = "FLOW8007";

    /// <summary>A flow between nodes of different scopes (process, sub-processes).</summary>
    public const string CrossScopeFlow = "FLOW8008";

    /// <summary>An extension attribute in the BPMN, DI or XML namespace, or a name that is not an NCName.</summary>
    public const string BadExtensionNamespace = "FLOW8009";

    /// <summary>The text is not well-formed XML or has a DTD (never expanded).</summary>
    public const string MalformedXml = "FLOW8010";

    /// <summary>The document is not BPMN 2.0 definitions.</summary>
    public const string NotBpmn = "FLOW8011";

    /// <summary>A model to write refers to an element it does not hold (a flow's source, a boundary event's host, a default flow).</summary>
    public const string DanglingReference = "FLOW8012";

    /// <summary>A condition, default or flow id was set for the next flow but no flow followed (Done or a move discarded it).</summary>
    public const string UnusedFlowSetting = "FLOW8013";

    /// <summary>Loop characteristics on an event sub-process (its event starts it; it does not loop).</summary>
    public const string LoopOnEventSubProcess = "FLOW8014";

    /// <summary>MultiInstanceDone() on a multi-instance with neither a cardinality nor a collection.</summary>
    public const string MultiInstanceWithoutCount = "FLOW8015";

    /// <summary>A standard loop with neither a loop condition nor a loop maximum (it would never end).</summary>
    public const string EndlessLoop = "FLOW8016";

    /// <summary>A cancel end event outside a transaction, or a cancel boundary event on an activity that is no transaction.</summary>
    public const string CancelOutsideTransaction = "FLOW8017";

    /// <summary>A sequence flow out of a compensation boundary event (its handler follows CompensationStart()), or CompensationStart() on a boundary event without a compensation definition.</summary>
    public const string NotACompensationStart = "FLOW8018";

    /// <summary>A sequence flow into or out of a compensation handler (isForCompensation activities have none).</summary>
    public const string FlowOfCompensationHandler = "FLOW8019";

    /// <summary>CompensationStart() not followed by the handler activity (another kind of node, a move, Done()).</summary>
    public const string UnusedCompensationStart = "FLOW8020";

    /// <summary>CompensationDone() on a node that is no compensation handler.</summary>
    public const string NotInCompensation = "FLOW8021";

    /// <summary>A camunda:map entry without a key, or a key given twice in one map.</summary>
    public const string BadMapKey = "FLOW8022";

    /// <summary>A camunda:script parameter value without a script format.</summary>
    public const string ScriptValueWithoutFormat = "FLOW8023";

    /// <summary>An empty <c>flow:type</c> on an input parameter.</summary>
    public const string EmptyParameterType = "FLOW8024";

    /// <summary>An empty <c>camunda:failedJobRetryTimeCycle</c>.</summary>
    public const string EmptyRetryTimeCycle = "FLOW8025";
}
