using System.Collections.Generic;
using System.Linq;
using Flow.Bpmn.Builder;
using Flow.Bpmn.Model;

// In the root namespace: `using Flow.Bpmn;` is all a builder chain needs.
namespace Flow.Bpmn;

/// <summary>
/// Camunda's input/output parameters (<c>camunda:inputOutput</c>) on a node: text, list, map
/// (nesting) and script values, and the <c>flow:type</c> of an input. Each returns the node's own builder type.
/// </summary>
public static class InputOutputBuilderExtensions
{
    /// <summary><c>camunda:inputParameter</c> with a text value (a constant or <c>${…}</c>); <paramref name="type"/> is its <c>flow:type</c>.</summary>
    public static T CamundaInputParameter<T>(this T builder, string name, string value, string? type = null)
        where T : FlowNodeBuilder => AddInput(builder, name, BpmnParameterValue.FromText(value), type);

    /// <summary><c>camunda:inputParameter</c> with any value: text, <see cref="BpmnParameterValue.List(BpmnParameterValue[])"/>, <see cref="BpmnParameterValue.Map"/> or <see cref="BpmnParameterValue.Script"/>.</summary>
    public static T CamundaInputParameter<T>(this T builder, string name, BpmnParameterValue value, string? type = null)
        where T : FlowNodeBuilder => AddInput(builder, name, value, type);

    /// <summary><c>camunda:inputParameter</c> with a <c>camunda:list</c> (items are text, or nested lists and maps): <c>list: ["${1}", "${2}"]</c>.</summary>
    public static T CamundaInputParameter<T>(this T builder, string name, IEnumerable<BpmnParameterValue> list, string? type = null)
        where T : FlowNodeBuilder => AddInput(builder, name, BpmnParameterValue.List(list), type);

    /// <summary><c>camunda:inputParameter</c> with a <c>camunda:map</c>: <c>map: new Dictionary&lt;string, BpmnParameterValue&gt; { ["a"] = "first" }</c>.</summary>
    public static T CamundaInputParameter<T>(this T builder, string name, IEnumerable<KeyValuePair<string, BpmnParameterValue>> map, string? type = null)
        where T : FlowNodeBuilder => AddInput(builder, name, BpmnParameterValue.Map(map), type);

    /// <summary><c>camunda:outputParameter</c> with a text value (a constant or <c>${…}</c>); it writes the process variable of its name.</summary>
    public static T CamundaOutputParameter<T>(this T builder, string name, string value)
        where T : FlowNodeBuilder => AddOutput(builder, name, BpmnParameterValue.FromText(value));

    /// <summary><c>camunda:outputParameter</c> with any value (text, list, map or script).</summary>
    public static T CamundaOutputParameter<T>(this T builder, string name, BpmnParameterValue value)
        where T : FlowNodeBuilder => AddOutput(builder, name, value);

    /// <summary><c>camunda:outputParameter</c> with a <c>camunda:list</c>.</summary>
    public static T CamundaOutputParameter<T>(this T builder, string name, IEnumerable<BpmnParameterValue> list)
        where T : FlowNodeBuilder => AddOutput(builder, name, BpmnParameterValue.List(list));

    /// <summary><c>camunda:outputParameter</c> with a <c>camunda:map</c>.</summary>
    public static T CamundaOutputParameter<T>(this T builder, string name, IEnumerable<KeyValuePair<string, BpmnParameterValue>> map)
        where T : FlowNodeBuilder => AddOutput(builder, name, BpmnParameterValue.Map(map));

    private static T AddInput<T>(T builder, string name, BpmnParameterValue value, string? type)
        where T : FlowNodeBuilder
    {
        IntermediateCatchEventBuilder.Required(name, "input parameter name");
        if (type is not null && type.Trim().Length == 0)
        {
            throw new BpmnModelException(BpmnErrors.EmptyParameterType, $"The type of input parameter '{name}' of '{builder.Node.Id}' is empty: give a C# type or none (the compiler then infers it).");
        }

        Check(builder.Node, name, value);
        builder.Node.InputParameters.Add(new BpmnParameter(name, value, type));
        return builder;
    }

    private static T AddOutput<T>(T builder, string name, BpmnParameterValue value)
        where T : FlowNodeBuilder
    {
        IntermediateCatchEventBuilder.Required(name, "output parameter name");
        Check(builder.Node, name, value);
        builder.Node.OutputParameters.Add(new BpmnParameter(name, value));
        return builder;
    }

    /// <summary>Map keys present and unique (FLOW8022) and scripts with a format (FLOW8023), at any depth.</summary>
    private static void Check(BpmnFlowNode node, string parameter, BpmnParameterValue value)
    {
        switch (value.Kind)
        {
            case BpmnParameterValueKind.List:
                foreach (var item in value.Items)
                {
                    Check(node, parameter, item ?? throw new BpmnModelException(BpmnErrors.MissingArgument, $"A list item of parameter '{parameter}' of '{node.Id}' is null."));
                }

                break;
            case BpmnParameterValueKind.Map:
                var keys = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var entry in value.Entries)
                {
                    if (string.IsNullOrEmpty(entry.Key) || !keys.Add(entry.Key))
                    {
                        var problem = string.IsNullOrEmpty(entry.Key) ? "an entry without a key" : $"the key '{entry.Key}' twice";
                        throw new BpmnModelException(BpmnErrors.BadMapKey, $"The map of parameter '{parameter}' of '{node.Id}' has {problem}.");
                    }

                    Check(node, parameter, entry.Value ?? throw new BpmnModelException(BpmnErrors.MissingArgument, $"The entry '{entry.Key}' of parameter '{parameter}' of '{node.Id}' is null."));
                }

                break;
            case BpmnParameterValueKind.Script when string.IsNullOrEmpty(value.ScriptFormat?.Trim()):
                throw new BpmnModelException(BpmnErrors.ScriptValueWithoutFormat, $"The script value of parameter '{parameter}' of '{node.Id}' has no script format.");
        }
    }
}
