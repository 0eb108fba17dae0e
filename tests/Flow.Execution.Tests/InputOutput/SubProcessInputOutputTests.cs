using System.Reflection;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// camunda:inputOutput on sub-processes, as Camunda runs it: the inputs are local variables of the
/// scope, evaluated when it starts and visible to everything inside it (conditions, scripts, the
/// input parameters of the tasks in it and so their handlers, nested scopes), hiding process
/// variables of their names; the outputs are evaluated when the scope completes normally. The
/// token engine runs such a process (it saves the inputs with the token at the sub-process).
/// </summary>
public class SubProcessInputOutputTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string Flow(string inside, string insideFlows) => Process($$"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:extensionElements>
                <camunda:inputOutput {{Camunda}}>
                  <camunda:inputParameter name="amount">${amount * 2}</camunda:inputParameter>
                  <camunda:inputParameter name="rate">${3}</camunda:inputParameter>
                  <camunda:outputParameter name="total">${amount + rate}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:startEvent id="SubStart" />
              <bpmn:exclusiveGateway id="Choose" default="Other" />
              <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add("script " + amount + " " + rate);</bpmn:script></bpmn:scriptTask>
              <bpmn:serviceTask id="Work" flow:handler="Work">
                <bpmn:extensionElements>
                  <camunda:inputOutput {{Camunda}}>
                    <camunda:inputParameter name="doubled" flow:type="decimal">${amount * rate}</camunda:inputParameter>
                  </camunda:inputOutput>
                </bpmn:extensionElements>
              </bpmn:serviceTask>
        {{inside}}
              <bpmn:subProcess id="Nested">
                <bpmn:extensionElements>
                  <camunda:inputOutput {{Camunda}}>
                    <camunda:inputParameter name="rate">${rate + 1}</camunda:inputParameter>
                  </camunda:inputOutput>
                </bpmn:extensionElements>
                <bpmn:startEvent id="NestedStart" />
                <bpmn:scriptTask id="NestedNote" scriptFormat="csharp"><bpmn:script>log.Add("nested " + amount + " " + rate);</bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="NestedEnd" />
                <bpmn:sequenceFlow id="N1" sourceRef="NestedStart" targetRef="NestedNote" />
                <bpmn:sequenceFlow id="N2" sourceRef="NestedNote" targetRef="NestedEnd" />
              </bpmn:subProcess>
              <bpmn:endEvent id="SubEnd" />
              <bpmn:endEvent id="Wrong" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Choose" />
              <bpmn:sequenceFlow id="Right" sourceRef="Choose" targetRef="Note"><bpmn:conditionExpression>${rate == 3 &amp;&amp; amount == 10}</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="Other" sourceRef="Choose" targetRef="Wrong" />
              <bpmn:sequenceFlow id="S2" sourceRef="Note" targetRef="Work" />
        {{insideFlows}}
              <bpmn:sequenceFlow id="S4" sourceRef="Nested" targetRef="SubEnd" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", "Sub")}}
        {{Seq("F2", "Sub", "End")}}
        """, Variable("amount", "decimal") + Variable("total", "decimal") + Variable("approved", "bool"));

    private const string Handler = """
        namespace Flows.Under.Test { public partial class TestProcess {
        private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, WorkInputs inputs, System.Threading.CancellationToken t)
        {
            c.Data.log.Add("handler " + inputs.doubled + " data:" + c.Data.amount);
            return default;
        }
        } }
        """;

    private static readonly string[] Expected = { "script 10 3", "handler 30 data:5", "nested 10 4" };

    [Fact]
    public async Task Inputs_are_seen_inside_by_conditions_scripts_task_inputs_and_nested_scopes_and_outputs_are_written_at_completion()
    {
        var flow = TestFlow.Build(Flow("", """<bpmn:sequenceFlow id="S3" sourceRef="Work" targetRef="Nested" />"""), Array.Empty<string>(), Handler);
        Assert.False(HasStraightPath(flow)); // the token engine runs a process with scope inputs

        var instance = await flow.StartAsync(("amount", 5m));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(Expected, TestFlow.Log(instance));
        Assert.Equal(5m, TestFlow.Get<decimal>(instance, "amount")); // the process variable the input hid kept its value
        Assert.Equal(13m, TestFlow.Get<decimal>(instance, "total")); // the outputs saw the scope's amount (10) and rate (3)
    }

    /// <summary>A user task inside: the scope's inputs wait with the instance, through its JSON, and the task's completion sees them.</summary>
    [Fact]
    public async Task The_inputs_of_a_waiting_scope_survive_a_JSON_round_trip()
    {
        var flow = TestFlow.Build(
            Flow("""<bpmn:userTask id="Approve"><bpmn:extensionElements><flow:output name="approved" type="bool" /></bpmn:extensionElements></bpmn:userTask>""",
                """<bpmn:sequenceFlow id="S3" sourceRef="Work" targetRef="Approve" /><bpmn:sequenceFlow id="S5" sourceRef="Approve" targetRef="Nested"><bpmn:conditionExpression>${approved &amp;&amp; rate == 3}</bpmn:conditionExpression></bpmn:sequenceFlow>"""),
            Array.Empty<string>(),
            Handler);
        var instance = await flow.StartAsync(("amount", 5m));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        var json = instance.ToJson();
        Assert.Contains("\"Inputs\":\"{\\u0022amount\\u0022:10,\\u0022rate\\u0022:3}\"", json, StringComparison.Ordinal);

        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        await resumed.CompleteWithJsonAsync("Approve", "{\"approved\": true}");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(Expected, TestFlow.Log(resumed));
        Assert.Equal(13m, TestFlow.Get<decimal>(resumed, "total"));
        Assert.DoesNotContain("\"Inputs\"", resumed.ToJson(), StringComparison.Ordinal);
    }

    private static bool HasStraightPath(TestFlow flow) =>
        (bool)flow.Process.GetType().GetProperty("HasStraightPath", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(flow.Process)!;
}
