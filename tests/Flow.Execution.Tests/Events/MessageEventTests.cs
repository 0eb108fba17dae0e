using System.Reflection;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>Message catch events, receive tasks and message boundary events, correlated by name and key, typed and as JSON (issue 12).</summary>
public class MessageEventTests
{
    private const string Messages = """
          <bpmn:message id="Msg_Paid" name="payment received">
            <bpmn:extensionElements>
              <flow:output name="paid" type="decimal" />
            </bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Cancel" name="cancel" />
        """;

    private static readonly string Variables = Variable("orderId", "string") + "\n" + Variable("paid", "decimal");

    // Waits for the payment of its own order (the key is the data member orderId).
    private static readonly string WaitForPayment = WithRoot(Messages, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Paid")}
        {Seq("F2", "Paid", "Ship")}
        {Seq("F3", "Ship", "End")}
        """, Variables);

    [Fact]
    public async Task A_message_with_the_instances_key_arrives_after_a_json_round_trip_and_sets_its_payload()
    {
        var flow = TestFlow.Build(WaitForPayment, new[] { "Ship" });
        var started = await flow.StartAsync(("orderId", "A-17"));
        Assert.Equal(InstanceStatus.Waiting, started.Status);
        Assert.Equal(new[] { "Paid" }, started.WaitingAt);
        var subscription = Assert.Single(started.Subscriptions);
        Assert.Equal(new Flow.Instances.EventSubscription(Flow.Instances.SubscriptionKind.Message, "payment received", "A-17", "Paid"), subscription);

        var instance = RoundTrip(flow, started);
        await instance.CorrelateWithJsonAsync("payment received", "A-17", """{"paid": 99.5}""");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(99.5m, TestFlow.Get<decimal>(instance, "paid"));
        Assert.Equal(new[] { "Start", "Paid", "Ship", "End" }, instance.Trace);
        Assert.Empty(instance.Subscriptions);
    }

    [Fact]
    public async Task A_message_with_another_key_or_name_is_refused_with_FLOW6180_and_changes_nothing()
    {
        var flow = TestFlow.Build(WaitForPayment, new[] { "Ship" });
        var instance = await flow.StartAsync(("orderId", "A-17"));
        var before = instance.ToJson();

        var wrongKey = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CorrelateWithJsonAsync("payment received", "B-2", """{"paid": 1}""").AsTask());
        var wrongName = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CorrelateWithJsonAsync("refund", null, null).AsTask());

        Assert.Equal("FLOW6180", wrongKey.Id);
        Assert.Contains("'payment received' (key 'A-17') at 'Paid'", wrongKey.Message, StringComparison.Ordinal);
        Assert.Equal("FLOW6180", wrongName.Id);
        Assert.Equal(before, instance.ToJson());
    }

    [Fact]
    public async Task A_payload_key_that_is_not_a_declared_output_is_refused_before_anything_changes()
    {
        var flow = TestFlow.Build(WaitForPayment, new[] { "Ship" });
        var instance = await flow.StartAsync(("orderId", "A-17"));
        var before = instance.ToJson();

        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CorrelateWithJsonAsync("payment received", null, """{"orderId": "X"}""").AsTask());

        Assert.Equal("FLOW6040", refused.Id);
        Assert.Equal(before, instance.ToJson());
    }

    [Fact]
    public async Task The_generated_typed_correlate_method_takes_the_payload_record()
    {
        var flow = TestFlow.Build(WaitForPayment, new[] { "Ship" });
        var instance = await flow.StartAsync(("orderId", "A-17"));
        var method = instance.GetType().GetMethod("CorrelatePaymentReceivedAsync")!;
        var payloadType = flow.Assembly.Assembly.GetType("Flows.Under.Test.TestProcess+PaymentReceivedMessage", throwOnError: true)!;
        var payload = Activator.CreateInstance(payloadType, 12m)!;

        await (ValueTask)method.Invoke(instance, new object?[] { payload, "A-17", CancellationToken.None })!;

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(12m, TestFlow.Get<decimal>(instance, "paid"));
    }

    // A user task with an interrupting "cancel" boundary and a non-interrupting "payment received" one.
    private static readonly string ReviewWithBoundaries = WithRoot(Messages, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
            <bpmn:boundaryEvent id="OnCancel" attachedToRef="Review"><bpmn:messageEventDefinition messageRef="Msg_Cancel" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="OnPaid" attachedToRef="Review" cancelActivity="false"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:boundaryEvent>
        {Service("Ship")}
        {Service("Notify")}
        {Service("Undo")}
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="Noted" />
            <bpmn:endEvent id="Cancelled" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "Ship")}
        {Seq("F3", "Ship", "End")}
        {Seq("F4", "OnPaid", "Notify")}
        {Seq("F5", "Notify", "Noted")}
        {Seq("F6", "OnCancel", "Undo")}
        {Seq("F7", "Undo", "Cancelled")}
        """, Variables);

    [Fact]
    public async Task A_non_interrupting_boundary_message_spawns_a_path_and_the_task_still_waits()
    {
        var flow = TestFlow.Build(ReviewWithBoundaries, new[] { "Ship", "Notify", "Undo" });
        var instance = RoundTrip(flow, await flow.StartAsync());

        await instance.CorrelateWithJsonAsync("payment received", null, """{"paid": 5}""");

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        Assert.Equal(new[] { "Notify" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Review", "OnPaid", "Notify", "Noted" }, instance.Trace);

        // It still listens (a non-interrupting boundary catches each time), and the task completes normally.
        await instance.CorrelateWithJsonAsync("payment received", null, null);
        await instance.CompleteAsync("Review");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Notify", "Notify", "Ship" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task An_interrupting_boundary_message_cancels_the_user_task_after_a_json_round_trip()
    {
        var flow = TestFlow.Build(ReviewWithBoundaries, new[] { "Ship", "Notify", "Undo" });
        var instance = RoundTrip(flow, await flow.StartAsync());

        await instance.CorrelateWithJsonAsync("cancel", null, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Undo" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Review", "OnCancel", "Undo", "Cancelled" }, instance.Trace);
        Assert.Equal("FLOW6042", (await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteAsync("Review").AsTask())).Id);
    }

    [Fact]
    public async Task Completing_the_task_removes_its_boundary_listeners()
    {
        var flow = TestFlow.Build(ReviewWithBoundaries, new[] { "Ship", "Notify", "Undo" });
        var instance = await flow.StartAsync();
        Assert.Equal(2, instance.Subscriptions.Count);

        await instance.CompleteAsync("Review");

        Assert.Empty(instance.Subscriptions);
        Assert.Equal("FLOW6180", (await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CorrelateWithJsonAsync("cancel", null, null).AsTask())).Id);
    }

    // A receive task with a messageRef, and a sub-process cancelled as a whole by a message boundary.
    private static readonly string ReceiveInSubProcess = WithRoot(Messages, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" />
              <bpmn:parallelGateway id="Fork" />
              <bpmn:receiveTask id="AwaitPayment" messageRef="Msg_Paid" flow:correlationKey="orderId" />
              <bpmn:userTask id="Pack" />
              <bpmn:parallelGateway id="Join" />
              <bpmn:endEvent id="SubEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Fork" />
              <bpmn:sequenceFlow id="S2" sourceRef="Fork" targetRef="AwaitPayment" />
              <bpmn:sequenceFlow id="S3" sourceRef="Fork" targetRef="Pack" />
              <bpmn:sequenceFlow id="S4" sourceRef="AwaitPayment" targetRef="Join" />
              <bpmn:sequenceFlow id="S5" sourceRef="Pack" targetRef="Join" />
              <bpmn:sequenceFlow id="S6" sourceRef="Join" targetRef="SubEnd" />
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="OnCancel" attachedToRef="Sub"><bpmn:messageEventDefinition messageRef="Msg_Cancel" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="Cancelled" />
        {Seq("F1", "Start", "Sub")}
        {Seq("F2", "Sub", "End")}
        {Seq("F3", "OnCancel", "Cancelled")}
        """, Variables);

    [Fact]
    public async Task A_receive_task_catches_its_message_by_key()
    {
        var flow = TestFlow.Build(ReceiveInSubProcess, Array.Empty<string>());
        var instance = RoundTrip(flow, await flow.StartAsync(("orderId", "7")));
        Assert.Equal(new[] { "AwaitPayment", "Pack" }, instance.WaitingAt);

        await instance.CorrelateWithJsonAsync("payment received", "7", """{"paid": 3}""");
        await instance.CompleteAsync("Pack");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(3m, TestFlow.Get<decimal>(instance, "paid"));
    }

    [Fact]
    public async Task An_interrupting_boundary_message_on_a_sub_process_cancels_every_token_and_listener_inside()
    {
        var flow = TestFlow.Build(ReceiveInSubProcess, Array.Empty<string>());
        var instance = RoundTrip(flow, await flow.StartAsync(("orderId", "7")));

        await instance.CorrelateWithJsonAsync("cancel", null, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.WaitingAt);
        Assert.Empty(instance.Subscriptions);
        Assert.EndsWith("OnCancel,Cancelled", string.Join(",", instance.Trace), StringComparison.Ordinal);
        Assert.Contains("\"Scopes\":[]", instance.ToJson(), StringComparison.Ordinal);
    }

    // Message start event and message throw (a handler sends it).
    private static readonly string StartedByMessage = WithRoot(Messages, $"""
            <bpmn:startEvent id="OnPaid"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:startEvent>
            <bpmn:intermediateThrowEvent id="Confirm" flow:handler="Confirm"><bpmn:messageEventDefinition messageRef="Msg_Cancel" /></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="Done"><bpmn:messageEventDefinition messageRef="Msg_Cancel" /></bpmn:endEvent>
        {Seq("F1", "OnPaid", "Confirm")}
        {Seq("F2", "Confirm", "Done")}
        """, Variables);

    [Fact]
    public async Task A_process_with_only_a_message_start_starts_there_and_message_throws_call_their_handlers()
    {
        var flow = TestFlow.Build(StartedByMessage, new[] { "Confirm", "Done" });

        var instance = await flow.Process.StartAtAsync(flow.NewData(), "OnPaid", """{"paid": 8}""");
        var direct = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(8m, TestFlow.Get<decimal>(instance, "paid"));
        Assert.Equal(new[] { "Confirm", "Done" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "OnPaid", "Confirm", "Done" }, instance.Trace);
        Assert.Equal(new[] { "OnPaid", "Confirm", "Done" }, direct.Trace);
    }

    [Fact]
    public async Task A_message_catch_without_messageRef_is_matched_by_its_own_name()
    {
        var text = WithRoot(Messages, $"""
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateCatchEvent id="Arrived" name="parcel arrived"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Arrived")}
            {Seq("F2", "Arrived", "End")}
            """, Variables);
        var flow = TestFlow.Build(text, Array.Empty<string>(), Array.Empty<string>(), new[] { "FLOW1104" });
        var instance = await flow.StartAsync();

        await instance.CorrelateWithJsonAsync("parcel arrived", null, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }
}
