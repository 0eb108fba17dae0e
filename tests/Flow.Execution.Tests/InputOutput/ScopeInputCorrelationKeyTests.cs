using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// A message's correlation key inside a sub-process with input parameters sees those inputs, which
/// hide the process variables of their names, as conditions and timers there do: the key is fixed
/// when the wait starts, so after a JSON round trip (and a changed process variable) it is still the
/// one computed from the input. Before, the key silently read the process variable.
/// </summary>
public class ScopeInputCorrelationKeyTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private const string Messages = """
          <bpmn:message id="Msg_Paid" name="payment received" />
          <bpmn:message id="Msg_Hold" name="hold" />
        """;

    /// <summary>Start → Sub (input orderId = the process variable + "-sub"; inside: <paramref name="inside"/>) → End.</summary>
    private static string InSub(string inside) => WithRoot(Messages, $$"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:extensionElements>
                <camunda:inputOutput {{Camunda}}>
                  <camunda:inputParameter name="orderId">${orderId + "-sub"}</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:startEvent id="SubStart" />
        {{inside}}
              <bpmn:endEvent id="SubEnd" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", "Sub")}}
        {{Seq("F2", "Sub", "End")}}
        """, Variable("orderId", "string"));

    [Fact]
    public async Task A_message_catch_inside_the_scope_waits_for_the_key_of_the_scope_input_after_a_round_trip()
    {
        var flow = TestFlow.Build(InSub("""
                  <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Paid" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Paid" targetRef="SubEnd" />
            """), Array.Empty<string>());

        var started = await flow.StartAsync(("orderId", "A-17"));

        Assert.Equal("A-17-sub", Assert.Single(started.Subscriptions).CorrelationKey);
        var instance = RoundTrip(flow, started);
        instance.Data.GetType().GetProperty("orderId")!.SetValue(instance.Data, "changed");
        var wrong = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CorrelateWithJsonAsync("payment received", "A-17", null).AsTask());
        Assert.Equal("FLOW6180", wrong.Id);
        await instance.CorrelateWithJsonAsync("payment received", "A-17-sub", null);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task A_message_boundary_on_a_task_inside_the_scope_and_one_on_the_scope_itself_each_see_their_own_scope()
    {
        // The boundary on Review is inside Sub: it sees Sub's input. The one on Sub is outside Sub: the process variable.
        var text = InSub("""
                  <bpmn:userTask id="Review" />
                  <bpmn:boundaryEvent id="ReviewHold" attachedToRef="Review" cancelActivity="false" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Hold" /></bpmn:boundaryEvent>
                  <bpmn:endEvent id="HoldEnd" />
                  <bpmn:sequenceFlow id="S3" sourceRef="ReviewHold" targetRef="HoldEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Review" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Review" targetRef="SubEnd" />
            """).Replace(
                "<bpmn:endEvent id=\"End\" />",
                """<bpmn:endEvent id="End" /><bpmn:boundaryEvent id="SubPaid" attachedToRef="Sub" cancelActivity="false" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:boundaryEvent><bpmn:endEvent id="PaidEnd" /><bpmn:sequenceFlow id="F3" sourceRef="SubPaid" targetRef="PaidEnd" />""",
                StringComparison.Ordinal);
        var flow = TestFlow.Build(text, Array.Empty<string>());

        var instance = await flow.StartAsync(("orderId", "B-2"));

        var keys = instance.Subscriptions.ToDictionary(s => s.NodeId, s => s.CorrelationKey);
        Assert.Equal("B-2-sub", keys["ReviewHold"]);
        Assert.Equal("B-2", keys["SubPaid"]);
        Assert.Equal(keys, RoundTrip(flow, instance).Subscriptions.ToDictionary(s => s.NodeId, s => s.CorrelationKey));
    }
}
