using System.Reflection;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// camunda:inputOutput applied: input parameters are typed locals of the activity (text, C#
/// expressions, lists, maps; they shadow process variables of the same name), a handler gets them
/// as a parameter, a script as locals; output parameters write process variables when it ends.
/// </summary>
public class InputOutputTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string Flow(string task, string type = "serviceTask", string attributes = "flow:handler=\"Work\"", string? condition = null) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:{type} id="Work" {attributes}>
              <bpmn:extensionElements>
                <camunda:inputOutput {Camunda}>
        {task}
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:{type}>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Work")}
        {Seq("F2", "Work", "End", condition)}
        """, Variable("amount", "decimal") + Variable("total", "decimal") + Variable("note", "string?") + Variable("tags", "System.Collections.Generic.List&lt;string&gt;"));

    private const string Parameters = """
                  <camunda:inputParameter name="greeting">Hello</camunda:inputParameter>
                  <camunda:inputParameter name="amount">${amount * 2}</camunda:inputParameter>
                  <camunda:inputParameter name="twice" flow:type="decimal">${amount + 1}</camunda:inputParameter>
                  <camunda:inputParameter name="sizes"><camunda:list><camunda:value>${1}</camunda:value><camunda:value>${2}</camunda:value></camunda:list></camunda:inputParameter>
                  <camunda:inputParameter name="labels"><camunda:map><camunda:entry key="a">first</camunda:entry><camunda:entry key="b">${greeting}</camunda:entry></camunda:map></camunda:inputParameter>
                  <camunda:inputParameter name="limit" flow:type="long">${sizes.Count * 10L}</camunda:inputParameter>
                  <camunda:outputParameter name="total">${twice + limit}</camunda:outputParameter>
                  <camunda:outputParameter name="tags"><camunda:list><camunda:value>${greeting}</camunda:value><camunda:value>${labels["b"]}</camunda:value></camunda:list></camunda:outputParameter>
        """;

    /// <summary>The handler sees its typed inputs; the process variable it shadows keeps its value.</summary>
    private const string Handler = """
        namespace Flows.Under.Test { public partial class TestProcess {
        private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, WorkInputs inputs, System.Threading.CancellationToken t)
        {
            string greeting = inputs.greeting; decimal amount = inputs.amount; System.Collections.Generic.List<int> sizes = inputs.sizes;
            System.Collections.Generic.Dictionary<string, string> labels = inputs.labels; long limit = inputs.limit;
            c.Data.log.Add(greeting + " " + amount + " " + inputs.twice + " " + string.Join(",", sizes) + " " + labels["a"] + labels["b"] + " " + limit + " data:" + c.Data.amount);
            return default;
        }
        } }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_handler_gets_typed_inputs_and_the_outputs_write_the_process_data_on_both_engines(bool tokenEngine)
    {
        var flow = TestFlow.Build(Flow(Parameters), Array.Empty<string>(), Handler);
        Assert.True(HasStraightPath(flow)); // so that false really runs the straight-line method
        EngineSwitch.ForceTokenEngine = tokenEngine;
        try
        {
            var instance = await flow.StartAsync(("amount", 5m));

            Assert.Equal(InstanceStatus.Completed, instance.Status);
            Assert.Equal(new[] { "Hello 10 11 1,2 firstHello 20 data:5" }, TestFlow.Log(instance));
            Assert.Equal(5m, TestFlow.Get<decimal>(instance, "amount"));
            Assert.Equal(31m, TestFlow.Get<decimal>(instance, "total")); // twice saw the local amount (10), as each input sees those before it
            Assert.Equal(new[] { "Hello", "Hello" }, TestFlow.Get<List<string>>(instance, "tags"));
        }
        finally
        {
            EngineSwitch.ForceTokenEngine = false;
        }
    }

    [Fact]
    public async Task A_script_sees_its_inputs_as_locals_and_its_outputs_see_what_it_set()
    {
        var bpmn = Flow("""
                  <camunda:inputParameter name="factor">${3}</camunda:inputParameter>
                  <camunda:inputParameter name="note">local</camunda:inputParameter>
                  <camunda:outputParameter name="total">${amount * factor}</camunda:outputParameter>
                  <camunda:outputParameter name="note">${note + "!"}</camunda:outputParameter>
            """, "scriptTask", "scriptFormat=\"csharp\"").Replace("</bpmn:scriptTask>", "<bpmn:script>factor = factor + 1; if (note == \"local\") { log.Add(\"saw \" + note + \" \" + factor); return; } log.Add(\"never\");</bpmn:script></bpmn:scriptTask>", StringComparison.Ordinal);
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());

        var instance = await flow.StartAsync(("amount", 2m), ("note", "data"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "saw local 4" }, TestFlow.Log(instance));
        Assert.Equal(8m, TestFlow.Get<decimal>(instance, "total"));
        Assert.Equal("local!", TestFlow.Get<string>(instance, "note"));
    }

    /// <summary>A user task's inputs are evaluated when it is reached and survive the wait, through the instance's JSON; its outputs are written before its outgoing condition is evaluated.</summary>
    [Fact]
    public async Task A_user_tasks_inputs_survive_the_wait_and_a_JSON_round_trip_and_its_outputs_see_them_at_completion()
    {
        var bpmn = Flow("""
                  <camunda:inputParameter name="snapshot">${amount}</camunda:inputParameter>
                  <camunda:inputParameter name="who"><camunda:list><camunda:value>ann</camunda:value><camunda:value>bob</camunda:value></camunda:list></camunda:inputParameter>
                  <camunda:outputParameter name="total">${snapshot + amount}</camunda:outputParameter>
                  <camunda:outputParameter name="note">${string.Join("+", who)}</camunda:outputParameter>
            """, "userTask", "", condition: "${total &gt; 0}").Replace("<camunda:inputOutput", "<flow:output name=\"amount\" type=\"decimal\" /><camunda:inputOutput", StringComparison.Ordinal);
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());
        var instance = await flow.StartAsync(("amount", 3m));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        var json = instance.ToJson();
        Assert.Contains("\"Inputs\"", json, StringComparison.Ordinal);

        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        await resumed.CompleteWithJsonAsync("Work", "{\"amount\": 10}");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(13m, TestFlow.Get<decimal>(resumed, "total")); // the input kept the amount of when the task was reached
        Assert.Equal("ann+bob", TestFlow.Get<string>(resumed, "note"));
    }

    /// <summary>A multi-instance task's inputs are evaluated per element, with the element variable and loopCounter in scope.</summary>
    [Fact]
    public async Task A_multi_instance_tasks_inputs_see_the_element_and_nested_lists_are_built()
    {
        var bpmn = Flow("""
                  <camunda:inputParameter name="label" flow:type="string">${item + "#" + loopCounter}</camunda:inputParameter>
                  <camunda:inputParameter name="grid"><camunda:list><camunda:list><camunda:value>${label}</camunda:value></camunda:list><camunda:list><camunda:value>x</camunda:value></camunda:list></camunda:list></camunda:inputParameter>
            """).Replace("</bpmn:serviceTask>", "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" camunda:collection=\"tags\" camunda:elementVariable=\"item\" /></bpmn:serviceTask>", StringComparison.Ordinal);
        var handler = """
            namespace Flows.Under.Test { public partial class TestProcess {
            private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, string item, WorkInputs inputs, System.Threading.CancellationToken t)
            {
                System.Collections.Generic.List<System.Collections.Generic.List<string>> grid = inputs.grid;
                c.Data.log.Add(inputs.label + " " + grid[0][0] + grid[1][0]);
                return default;
            }
            } }
            """;
        var flow = TestFlow.Build(bpmn, Array.Empty<string>(), handler);

        var instance = await flow.StartAsync(("tags", new List<string> { "a", "b" }));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "a#0 a#0x", "b#1 b#1x" }, TestFlow.Log(instance));
    }

    private static bool HasStraightPath(TestFlow flow) =>
        (bool)flow.Process.GetType().GetProperty("HasStraightPath", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(flow.Process)!;
}
