using System.Collections.Generic;

namespace Flow.Bpmn.Model;

/// <summary>
/// An event, activity or gateway. One class for every kind (as in the compiler's model): the
/// members that do not apply to a kind stay at their defaults. A sub-process holds its own
/// flow nodes and flows.
/// </summary>
public sealed class BpmnFlowNode : BpmnElement, IBpmnScope
{
    public BpmnFlowNode(string id, BpmnNodeKind kind)
        : base(id)
    {
        Kind = kind;
    }

    public BpmnNodeKind Kind { get; }

    /// <summary>Events: their definitions (one for every event the compiler runs; none for a blank event).</summary>
    public List<BpmnEventDefinition> EventDefinitions { get; } = new();

    /// <summary>Boundary events: the id of the activity they are attached to.</summary>
    public string? AttachedToRef { get; set; }

    /// <summary>Boundary events: interrupting (the default) or not.</summary>
    public bool CancelActivity { get; set; } = true;

    /// <summary>Start events of event sub-processes: interrupting (the default) or not.</summary>
    public bool IsInterrupting { get; set; } = true;

    /// <summary>Sub-processes: an event sub-process (<c>triggeredByEvent="true"</c>).</summary>
    public bool TriggeredByEvent { get; set; }

    /// <summary>Gateways and activities: the id of the default outgoing flow.</summary>
    public string? DefaultFlow { get; set; }

    /// <summary>Send and receive tasks: the id of their message.</summary>
    public string? MessageRef { get; set; }

    /// <summary>Script tasks: the script and its format (<c>csharp</c>).</summary>
    public string? Script { get; set; }

    public string? ScriptFormat { get; set; }

    /// <summary>Call activities: the called process's key.</summary>
    public string? CalledElement { get; set; }

    /// <summary>Wait states: values completing them writes to the data (<c>flow:output</c>).</summary>
    public List<BpmnVariable> Outputs { get; } = new();

    /// <summary>Activities: <c>isForCompensation="true"</c>, a compensation handler (no sequence flows; an association links it to its boundary event).</summary>
    public bool IsForCompensation { get; set; }

    /// <summary>Activities: the loop (multi-instance or standard); null when it runs once.</summary>
    public BpmnLoopCharacteristics? Loop { get; set; }

    /// <summary>Call activities: <c>camunda:in</c> and <c>camunda:out</c>, in order.</summary>
    public List<BpmnCallMapping> CallMappings { get; } = new();

    /// <summary><c>camunda:inputParameter</c>s of <c>camunda:inputOutput</c>.</summary>
    public List<BpmnParameter> InputParameters { get; } = new();

    /// <summary><c>camunda:outputParameter</c>s of <c>camunda:inputOutput</c>.</summary>
    public List<BpmnParameter> OutputParameters { get; } = new();

    /// <summary><c>camunda:failedJobRetryTimeCycle</c> (e.g. <c>R5/PT10S</c>): the attempts of an asynchronous continuation's job; null for the default.</summary>
    public string? FailedJobRetryTimeCycle { get; set; }

    /// <summary>Containers: the nodes inside.</summary>
    public List<BpmnFlowNode> FlowNodes { get; } = new();

    /// <summary>Containers: the flows inside.</summary>
    public List<BpmnSequenceFlow> SequenceFlows { get; } = new();

    /// <summary>Containers: the associations inside (compensation boundary event to handler).</summary>
    public List<BpmnAssociation> Associations { get; } = new();

    /// <summary>The first event definition, or null for a blank event (and for non-events).</summary>
    public BpmnEventDefinition? EventDefinition => EventDefinitions.Count > 0 ? EventDefinitions[0] : null;
}
