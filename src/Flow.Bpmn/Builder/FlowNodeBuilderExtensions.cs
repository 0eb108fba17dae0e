using Flow.Bpmn.Builder;
using Flow.Bpmn.Model;

// In the root namespace: `using Flow.Bpmn;` is all a builder chain needs.
namespace Flow.Bpmn;

/// <summary>Settings of any node; each returns the node's own builder type.</summary>
public static class FlowNodeBuilderExtensions
{
    public static T Name<T>(this T builder, string name)
        where T : FlowNodeBuilder
    {
        builder.Node.Name = name;
        return builder;
    }

    /// <summary>An attribute of another namespace on the node (written with a prefix for it).</summary>
    public static T ExtensionAttribute<T>(this T builder, string namespaceUri, string localName, string value)
        where T : FlowNodeBuilder
    {
        builder.Node.SetExtensionAttribute(namespaceUri, localName, value);
        return builder;
    }

    /// <summary>A <c>camunda:</c> attribute (<c>assignee</c>, <c>class</c>, <c>asyncBefore</c>, …).</summary>
    public static T CamundaAttribute<T>(this T builder, string localName, string value)
        where T : FlowNodeBuilder => builder.ExtensionAttribute(BpmnXmlNames.Camunda, localName, value);

    public static T CamundaAsyncBefore<T>(this T builder, bool value = true)
        where T : FlowNodeBuilder => builder.CamundaAttribute("asyncBefore", value ? "true" : "false");

    public static T CamundaAsyncAfter<T>(this T builder, bool value = true)
        where T : FlowNodeBuilder => builder.CamundaAttribute("asyncAfter", value ? "true" : "false");

    /// <summary>
    /// <c>camunda:failedJobRetryTimeCycle</c>: the attempts of the node's asynchronous continuation
    /// job (<c>R5/PT10S</c>: 5 attempts 10 seconds apart; <c>PT1M,PT5M</c>: waits in turn). Empty is FLOW8025.
    /// </summary>
    public static T CamundaFailedJobRetryTimeCycle<T>(this T builder, string cycle)
        where T : FlowNodeBuilder
    {
        builder.Node.FailedJobRetryTimeCycle = string.IsNullOrEmpty(cycle?.Trim())
            ? throw new BpmnModelException(BpmnErrors.EmptyRetryTimeCycle, $"The failedJobRetryTimeCycle of '{builder.Node.Id}' is empty: give one such as R5/PT10S.")
            : cycle;
        return builder;
    }

    public static TaskBuilder CamundaAssignee(this TaskBuilder builder, string assignee) => builder.CamundaAttribute("assignee", assignee);

    public static TaskBuilder CamundaCandidateGroups(this TaskBuilder builder, string groups) => builder.CamundaAttribute("candidateGroups", groups);

    public static T CamundaFormKey<T>(this T builder, string formKey)
        where T : FlowNodeBuilder => builder.CamundaAttribute("formKey", formKey);

    public static T CamundaClass<T>(this T builder, string className)
        where T : ActivityBuilder => builder.CamundaAttribute("class", className);

    public static T CamundaExpression<T>(this T builder, string expression)
        where T : ActivityBuilder => builder.CamundaAttribute("expression", expression);

    public static T CamundaDelegateExpression<T>(this T builder, string expression)
        where T : ActivityBuilder => builder.CamundaAttribute("delegateExpression", expression);

    /// <summary><c>flow:handler</c>: the name of the handler method a task (or message throw) calls.</summary>
    public static T Handler<T>(this T builder, string methodName)
        where T : FlowNodeBuilder => builder.ExtensionAttribute(BpmnXmlNames.Flow, "handler", methodName);

    /// <summary><c>flow:correlationKey</c>: the C# expression a message catch's key is.</summary>
    public static T CorrelationKey<T>(this T builder, string expression)
        where T : FlowNodeBuilder => builder.ExtensionAttribute(BpmnXmlNames.Flow, "correlationKey", expression);

    /// <summary><c>&lt;flow:output name type/&gt;</c>: a value completing this wait state writes to the data.</summary>
    public static T Output<T>(this T builder, string name, string type)
        where T : FlowNodeBuilder
    {
        builder.Node.Outputs.Add(new BpmnVariable(IntermediateCatchEventBuilder.Required(name, "output name"), type));
        return builder;
    }
}
