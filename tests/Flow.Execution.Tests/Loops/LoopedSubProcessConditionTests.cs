using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>
/// Sequence-flow conditions inside a multi-instance sub-process see the element of their scope:
/// the element variable, loopCounter and the counts, per element even when elements run in parallel.
/// </summary>
public class LoopedSubProcessConditionTests
{
    private const string Dollar = "$";

    /// <summary>Each element chooses a path by its element (gateway) and by its loopCounter (a condition out of a script task).</summary>
    private static string Items(bool sequential) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="PerItem">
              <bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:collection="items" camunda:elementVariable="item" />
              <bpmn:startEvent id="InnerStart" />
              <bpmn:exclusiveGateway id="Size" default="ToShort" />
              <bpmn:scriptTask id="Long" scriptFormat="csharp"><bpmn:script>log.Add("long:" + item);</bpmn:script></bpmn:scriptTask>
              <bpmn:scriptTask id="Short" scriptFormat="csharp"><bpmn:script>log.Add("short:" + item);</bpmn:script></bpmn:scriptTask>
              <bpmn:scriptTask id="First" scriptFormat="csharp"><bpmn:script>log.Add("first:" + item);</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="InnerEnd" />
              <bpmn:endEvent id="ShortEnd" />
              <bpmn:endEvent id="FirstEnd" />
              {Seq("I1", "InnerStart", "Size")}
              {Seq("ToLong", "Size", "Long", Dollar + "{item.Length > 1 &amp;&amp; nrOfInstances == 3}")}
              {Seq("ToShort", "Size", "Short")}
              {Seq("I3", "Long", "InnerEnd")}
              {Seq("I4", "Short", "ShortEnd")}
              {Seq("I5", "Short", "First", Dollar + "{loopCounter == 0}")}
              {Seq("I6", "First", "FirstEnd")}
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "PerItem")}
        {Seq("F2", "PerItem", "End")}
        """, Variable("items", "string[]"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Conditions_inside_a_looped_sub_process_see_the_element_variable_and_loopCounter(bool sequential)
    {
        var flow = TestFlow.Build(Items(sequential), Array.Empty<string>());
        var instance = await flow.StartAsync(("items", new[] { "a", "bb", "c" }));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var log = TestFlow.Log(instance);
        Assert.Equal(new[] { "first:a", "long:bb", "short:a", "short:c" }, log.Order(StringComparer.Ordinal));
    }
}
