using Flow.Bpmn.Model;

namespace Flow.Bpmn.Builder;

/// <summary>
/// An activity's multi-instance loop (Camunda's MultiInstanceLoopCharacteristicsBuilder): how
/// (Parallel, Sequential), over what (Cardinality, CamundaCollection + CamundaElementVariable),
/// until when (CompletionCondition), and what it gathers (OutputCollection); back at the
/// activity with MultiInstanceDone().
/// </summary>
public sealed class MultiInstanceBuilder<T>
    where T : ActivityBuilder
{
    private readonly T _activity;

    internal MultiInstanceBuilder(T activity, BpmnLoopCharacteristics loop)
    {
        _activity = activity;
        Loop = loop;
    }

    public BpmnLoopCharacteristics Loop { get; }

    /// <summary>All elements at once (the default).</summary>
    public MultiInstanceBuilder<T> Parallel()
    {
        Loop.IsSequential = false;
        return this;
    }

    /// <summary>One element after the other.</summary>
    public MultiInstanceBuilder<T> Sequential()
    {
        Loop.IsSequential = true;
        return this;
    }

    /// <summary><c>loopCardinality</c>: how many elements (a C# <c>int</c>, <c>${…}</c> allowed).</summary>
    public MultiInstanceBuilder<T> Cardinality(string expression)
    {
        Loop.Cardinality = Required(expression, "cardinality");
        return this;
    }

    /// <summary><c>camunda:collection</c>: a data member or expression of an <c>IEnumerable&lt;T&gt;</c> type.</summary>
    public MultiInstanceBuilder<T> CamundaCollection(string expression)
    {
        Loop.Collection = Required(expression, "collection");
        return this;
    }

    /// <summary><c>camunda:elementVariable</c>: the name each element is seen under.</summary>
    public MultiInstanceBuilder<T> CamundaElementVariable(string name)
    {
        Loop.ElementVariable = Required(name, "element variable");
        return this;
    }

    /// <summary><c>flow:elementType</c>: the element's C# type when the collection's declared type does not tell it.</summary>
    public MultiInstanceBuilder<T> ElementType(string type)
    {
        Loop.ElementType = Required(type, "element type");
        return this;
    }

    /// <summary><c>completionCondition</c>: evaluated after each element; when it holds, the rest is withdrawn.</summary>
    public MultiInstanceBuilder<T> CompletionCondition(string condition)
    {
        Loop.CompletionCondition = Required(condition, "completion condition");
        return this;
    }

    /// <summary><c>flow:outputCollection</c> + <c>flow:outputElement</c>: each completed element's <paramref name="elementExpression"/> stored at its index of the <c>List&lt;T&gt;</c> <paramref name="collection"/>.</summary>
    public MultiInstanceBuilder<T> OutputCollection(string collection, string elementExpression)
    {
        Loop.OutputCollection = Required(collection, "output collection");
        Loop.OutputElement = Required(elementExpression, "output element");
        return this;
    }

    /// <summary><c>camunda:asyncBefore</c> on the loop (each element).</summary>
    public MultiInstanceBuilder<T> CamundaAsyncBefore(bool value = true) => ExtensionAttribute(BpmnXmlNames.Camunda, "asyncBefore", value ? "true" : "false");

    /// <summary><c>camunda:asyncAfter</c> on the loop (each element).</summary>
    public MultiInstanceBuilder<T> CamundaAsyncAfter(bool value = true) => ExtensionAttribute(BpmnXmlNames.Camunda, "asyncAfter", value ? "true" : "false");

    /// <summary>Any other attribute of another namespace on the loop.</summary>
    public MultiInstanceBuilder<T> ExtensionAttribute(string namespaceUri, string localName, string value)
    {
        Loop.SetExtensionAttribute(namespaceUri, localName, value);
        return this;
    }

    /// <summary>Back at the activity; a multi-instance needs a cardinality or a collection (FLOW8015).</summary>
    public T MultiInstanceDone()
    {
        if (Loop.Cardinality is null && Loop.Collection is null)
        {
            throw new BpmnModelException(BpmnErrors.MultiInstanceWithoutCount, $"The multi-instance of '{_activity.Node.Id}' has neither a cardinality nor a collection: it cannot tell how many elements to run.");
        }

        return _activity;
    }

    private string Required(string value, string what) => IntermediateCatchEventBuilder.Required(value, $"{what} of the multi-instance of '{_activity.Node.Id}'");
}

/// <summary>A compensation event definition (Camunda's CompensateEventDefinitionBuilder).</summary>
public sealed class CompensateEventDefinitionBuilder<T>
    where T : EventBuilder
{
    private readonly T _event;

    internal CompensateEventDefinitionBuilder(T @event) => _event = @event;

    /// <summary><c>activityRef</c>: the activity a throw compensates (without it: every completed activity of the scope).</summary>
    public CompensateEventDefinitionBuilder<T> ActivityRef(string activityId)
    {
        _event.Node.EventDefinitions[0].Reference = BpmnIds.Validate(activityId);
        return this;
    }

    /// <summary>Back at the event.</summary>
    public T CompensateEventDefinitionDone() => _event;
}
