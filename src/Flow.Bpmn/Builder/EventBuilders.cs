using Flow.Bpmn.Model;

namespace Flow.Bpmn.Builder;

/// <summary>An event; its event definition is set with the extension methods of <see cref="EventBuilderExtensions"/>.</summary>
public abstract class EventBuilder : FlowNodeBuilder
{
    internal EventBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>Replaces the event's definition (one per event).</summary>
    internal void Define(BpmnEventDefinition definition)
    {
        Node.EventDefinitions.Clear();
        Node.EventDefinitions.Add(definition);
    }
}

public sealed class StartEventBuilder : EventBuilder
{
    internal StartEventBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>An event sub-process's start event: interrupting (the default) or not.</summary>
    public StartEventBuilder Interrupting(bool interrupting)
    {
        Node.IsInterrupting = interrupting;
        return this;
    }
}

public sealed class EndEventBuilder : EventBuilder
{
    internal EndEventBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>A cancel end event: cancels the transaction it is directly in (FLOW8017 elsewhere).</summary>
    public EndEventBuilder Cancel()
    {
        if (Scope is not BpmnFlowNode { Kind: BpmnNodeKind.Transaction })
        {
            throw new BpmnModelException(BpmnErrors.CancelOutsideTransaction, $"'{Node.Id}' is not directly inside a transaction; only a transaction can be cancelled.");
        }

        Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Cancel));
        return this;
    }

    /// <summary>A terminate end event: ends its whole scope at once.</summary>
    public EndEventBuilder Terminate()
    {
        Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Terminate));
        return this;
    }
}

public sealed class IntermediateCatchEventBuilder : EventBuilder
{
    internal IntermediateCatchEventBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>The target of link throw events of the same name.</summary>
    public IntermediateCatchEventBuilder Link(string name)
    {
        Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Link) { LinkName = Required(name, "link name") });
        return this;
    }

    internal static string Required(string value, string what) =>
        string.IsNullOrEmpty(value) ? throw new BpmnModelException(BpmnErrors.MissingArgument, $"The {what} is empty.") : value;
}

public sealed class IntermediateThrowEventBuilder : EventBuilder
{
    internal IntermediateThrowEventBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>Jumps to the link catch event of the name; no flow leaves it.</summary>
    public IntermediateThrowEventBuilder Link(string name)
    {
        Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Link) { LinkName = IntermediateCatchEventBuilder.Required(name, "link name") });
        return this;
    }
}

public sealed class BoundaryEventBuilder : EventBuilder
{
    internal BoundaryEventBuilder(BuilderContext context, BpmnFlowNode node)
        : base(context, node)
    {
    }

    /// <summary>Interrupting (true, the default) or not.</summary>
    public BoundaryEventBuilder CancelActivity(bool cancel)
    {
        Node.CancelActivity = cancel;
        return this;
    }

    /// <summary>A cancel boundary event: the path after its transaction was cancelled (FLOW8017 on anything but a transaction).</summary>
    public BoundaryEventBuilder Cancel()
    {
        if (Context.FindNode(Node.AttachedToRef!).Kind != BpmnNodeKind.Transaction)
        {
            throw new BpmnModelException(BpmnErrors.CancelOutsideTransaction, $"'{Node.Id}' is attached to '{Node.AttachedToRef}', which is no transaction; only a transaction has a cancel boundary event.");
        }

        Define(new BpmnEventDefinition(BpmnEventDefinitionKind.Cancel));
        return this;
    }

    /// <summary>The next activity is this compensation boundary event's handler (<c>isForCompensation</c>, linked by an association, no flows); end it with CompensationDone().</summary>
    public BoundaryEventBuilder CompensationStart()
    {
        Context.EnsureNoNextFlowSettings("CompensationStart()");
        if (Node.EventDefinition?.Kind != BpmnEventDefinitionKind.Compensate)
        {
            throw new BpmnModelException(BpmnErrors.NotACompensationStart, $"'{Node.Id}' has no compensation event definition; call Compensation() (or CompensateEventDefinition()) before CompensationStart().");
        }

        Context.CompensationBoundary = Node;
        return this;
    }

    /// <summary>Back at the activity the boundary event is attached to.</summary>
    public ActivityBuilder MoveToHost() => MoveToActivity(Node.AttachedToRef!);
}
