using System.Reflection;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// A C# camunda:script as an input/output parameter's value: a single expression is the value, or
/// statements ending in return; typed by flow:type, inference or the variable it writes/hides.
/// </summary>
public class ScriptValueTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string Flow(string parameters, string script) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Work" scriptFormat="csharp">
              <bpmn:extensionElements>
                <camunda:inputOutput {Camunda}>
        {parameters}
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:script>{script}</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Work")}
        {Seq("F2", "Work", "End")}
        """, Variable("amount", "decimal") + Variable("total", "decimal") + Variable("note", "string?"));

    private const string Parameters = """
                  <camunda:inputParameter name="n"><camunda:script scriptFormat="csharp">42</camunda:script></camunda:inputParameter>
                  <camunda:inputParameter name="amount"><camunda:script scriptFormat="cs">amount + 1;</camunda:script></camunda:inputParameter>
                  <camunda:inputParameter name="gross" flow:type="decimal"><camunda:script scriptFormat="C#">amount * 2</camunda:script></camunda:inputParameter>
                  <camunda:inputParameter name="label" flow:type="string"><camunda:script scriptFormat="text/x-csharp">
                    var parts = new System.Collections.Generic.List&lt;string&gt;();
                    for (var i = 0; i &lt; 2; i++) { parts.Add("p" + i); }
                    return string.Join("+", parts) + ";" + n; // a ';' in a string and a comment: still statements
                  </camunda:script></camunda:inputParameter>
                  <camunda:inputParameter name="sizes" flow:type="System.Collections.Generic.List&lt;int&gt;"><camunda:list><camunda:script scriptFormat="csharp">n / 2</camunda:script><camunda:value>${1}</camunda:value></camunda:list></camunda:inputParameter>
                  <camunda:outputParameter name="total"><camunda:script scriptFormat="csharp">if (gross &gt; 10) { return gross + sizes[0]; } return 0m;</camunda:script></camunda:outputParameter>
                  <camunda:outputParameter name="note"><camunda:script scriptFormat="csharp">label + " " + amount</camunda:script></camunda:outputParameter>
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Csharp_script_values_are_evaluated_in_order_typed_and_seen_by_the_script_and_the_outputs(bool tokenEngine)
    {
        var flow = TestFlow.Build(Flow(Parameters, "log.Add(n.GetType().Name + \" \" + amount + \" \" + gross + \" \" + label + \" \" + string.Join(\",\", sizes));"), Array.Empty<string>());
        Assert.True(HasStraightPath(flow));
        EngineSwitch.ForceTokenEngine = tokenEngine;
        try
        {
            var instance = await flow.StartAsync(("amount", 5m));

            Assert.Equal(InstanceStatus.Completed, instance.Status);
            Assert.Equal(new[] { "Int32 6 12 p0+p1;42 21,1" }, TestFlow.Log(instance)); // amount hid the variable (5) with 6; gross saw 6
            Assert.Equal(33m, TestFlow.Get<decimal>(instance, "total"));
            Assert.Equal("p0+p1;42 6", TestFlow.Get<string>(instance, "note"));
            Assert.Equal(5m, TestFlow.Get<decimal>(instance, "amount"));
        }
        finally
        {
            EngineSwitch.ForceTokenEngine = false;
        }
    }

    private static bool HasStraightPath(TestFlow flow) =>
        (bool)flow.Process.GetType().GetProperty("HasStraightPath", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(flow.Process)!;
}
