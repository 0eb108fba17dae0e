using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// camunda:inputOutput on events (token engine): a catch event evaluates its inputs when the token
/// arrives, keeps them while it waits (instance JSON) and writes its outputs after the payload
/// arrives; a catch after an event-based gateway evaluates both when its event arrives; throw and
/// end events evaluate both as the token passes.
/// </summary>
public class EventInputOutputTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private const string Messages = """
          <bpmn:message id="Msg_Paid" name="paid">
            <bpmn:extensionElements>
              <flow:output name="paid" type="decimal" />
            </bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Other" name="other" />
        """;

    private static string Io(string parameters) => $"<bpmn:extensionElements><camunda:inputOutput {Camunda}>{parameters}</camunda:inputOutput></bpmn:extensionElements>";

    private static readonly string Variables = Variable("amount", "decimal") + "\n" + Variable("paid", "decimal") + "\n" + Variable("note", "string");

    [Fact]
    public async Task A_message_catch_keeps_its_inputs_through_the_wait_and_writes_its_outputs_after_the_payload()
    {
        var bpmn = WithRoot(Messages, $$"""
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateThrowEvent id="Mark">{{Io("<camunda:inputParameter name=\"prefix\">thrown</camunda:inputParameter><camunda:outputParameter name=\"note\">${prefix + \" \" + amount}</camunda:outputParameter>")}}</bpmn:intermediateThrowEvent>
                <bpmn:intermediateCatchEvent id="Paid">{{Io("<camunda:inputParameter name=\"expected\">${amount}</camunda:inputParameter><camunda:outputParameter name=\"note\">${note + \"; paid \" + paid + \" of \" + expected}</camunda:outputParameter>")}}<bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End">{{Io("<camunda:inputParameter name=\"suffix\">!</camunda:inputParameter><camunda:outputParameter name=\"note\">${note + suffix}</camunda:outputParameter>")}}</bpmn:endEvent>
            {{Seq("F1", "Start", "Mark")}}
            {{Seq("F2", "Mark", "Paid")}}
            {{Seq("F3", "Paid", "End")}}
            """, Variables);
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());

        var instance = await flow.StartAsync(("amount", 5m));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal("thrown 5", TestFlow.Get<string>(instance, "note"));
        var json = instance.ToJson();
        Assert.Contains("\"Inputs\":\"{\\u0022expected\\u0022:5}\"", json, StringComparison.Ordinal);

        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        resumed.Data.GetType().GetProperty("amount")!.SetValue(resumed.Data, 7m); // the input keeps the amount of when the token arrived
        await resumed.CorrelateWithJsonAsync("paid", null, """{"paid": 4.5}""");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal("thrown 5; paid 4.5 of 5!", TestFlow.Get<string>(resumed, "note"));
    }

    [Fact]
    public async Task A_catch_after_an_event_based_gateway_evaluates_its_parameters_when_its_event_arrives()
    {
        var bpmn = WithRoot(Messages, $$"""
                <bpmn:startEvent id="Start" />
                <bpmn:eventBasedGateway id="Gate" />
                <bpmn:intermediateCatchEvent id="Paid">{{Io("<camunda:inputParameter name=\"expected\">${amount}</camunda:inputParameter><camunda:outputParameter name=\"note\">${\"paid \" + paid + \" of \" + expected}</camunda:outputParameter>")}}<bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="Other"><bpmn:messageEventDefinition messageRef="Msg_Other" /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End" />
                <bpmn:endEvent id="OtherEnd" />
            {{Seq("F1", "Start", "Gate")}}
            {{Seq("F2", "Gate", "Paid")}}
            {{Seq("F3", "Gate", "Other")}}
            {{Seq("F4", "Paid", "End")}}
            {{Seq("F5", "Other", "OtherEnd")}}
            """, Variables);
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());

        var instance = await flow.StartAsync(("amount", 5m));
        Assert.DoesNotContain("\"Inputs\"", instance.ToJson(), StringComparison.Ordinal);
        instance.Data.GetType().GetProperty("amount")!.SetValue(instance.Data, 8m);
        await instance.CorrelateWithJsonAsync("paid", null, """{"paid": 2}""");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("paid 2 of 8", TestFlow.Get<string>(instance, "note"));
    }

    /// <summary>A message throw event's handler sends it: it gets the event's inputs as its parameter, as a task's handler does; the outputs come after it.</summary>
    [Fact]
    public async Task A_message_throw_handler_gets_its_inputs_and_the_outputs_follow()
    {
        var bpmn = WithRoot(Messages, $$"""
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateThrowEvent id="Send" flow:handler="Send">{{Io("<camunda:inputParameter name=\"to\" flow:type=\"string\">${\"customer \" + amount}</camunda:inputParameter><camunda:outputParameter name=\"note\">${\"sent to \" + to}</camunda:outputParameter>")}}<bpmn:messageEventDefinition messageRef="Msg_Other" /></bpmn:intermediateThrowEvent>
                <bpmn:endEvent id="End" />
            {{Seq("F1", "Start", "Send")}}
            {{Seq("F2", "Send", "End")}}
            """, Variables);
        var handler = """
            namespace Flows.Under.Test { public partial class TestProcess {
            private partial System.Threading.Tasks.ValueTask Send(Flow.TaskContext<Data> c, SendInputs inputs, System.Threading.CancellationToken t)
            {
                c.Data.log.Add("sending to " + inputs.to);
                return default;
            }
            } }
            """;
        var flow = TestFlow.Build(bpmn, Array.Empty<string>(), handler);

        var instance = await flow.StartAsync(("amount", 3m));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "sending to customer 3" }, TestFlow.Log(instance));
        Assert.Equal("sent to customer 3", TestFlow.Get<string>(instance, "note"));
    }

    /// <summary>A task left by an interrupting boundary event writes no outputs, and its saved inputs do not travel on with the token (here to a join, where they would be saved stale).</summary>
    [Fact]
    public async Task A_task_left_by_an_interrupting_boundary_event_leaves_its_inputs_behind()
    {
        var bpmn = WithRoot(Messages, $$"""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Split" />
                <bpmn:userTask id="Work">{{Io("<camunda:inputParameter name=\"x\">${amount}</camunda:inputParameter><camunda:outputParameter name=\"note\">written</camunda:outputParameter>")}}</bpmn:userTask>
                <bpmn:boundaryEvent id="Stop" attachedToRef="Work"><bpmn:messageEventDefinition messageRef="Msg_Other" /></bpmn:boundaryEvent>
                <bpmn:userTask id="Other" />
                <bpmn:exclusiveGateway id="Merge" />
                <bpmn:parallelGateway id="Join" />
                <bpmn:endEvent id="End" />
            {{Seq("F1", "Start", "Split")}}
            {{Seq("F2", "Split", "Work")}}
            {{Seq("F3", "Split", "Other")}}
            {{Seq("F4", "Work", "Merge")}}
            {{Seq("F5", "Stop", "Merge")}}
            {{Seq("F8", "Merge", "Join")}}
            {{Seq("F6", "Other", "Join")}}
            {{Seq("F7", "Join", "End")}}
            """, Variables);
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());
        var instance = await flow.StartAsync(("amount", 5m), ("note", "none"));
        Assert.Contains("\"Inputs\"", instance.ToJson(), StringComparison.Ordinal);

        await instance.CorrelateWithJsonAsync("other", null, null);

        Assert.Equal(new[] { "Other" }, instance.WaitingAt);
        Assert.DoesNotContain("\"Inputs\"", instance.ToJson(), StringComparison.Ordinal);
        await instance.CompleteWithJsonAsync("Other", null);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("none", TestFlow.Get<string>(instance, "note"));
    }
}
