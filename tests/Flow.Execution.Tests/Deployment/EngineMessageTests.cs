using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>FlowEngine.CorrelateAsync and SignalAsync over stored subscriptions, and message start events (issue 12).</summary>
public class EngineMessageTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:message id="Msg_Paid" name="payment received">
            <bpmn:extensionElements><flow:output name="amount" type="int" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Refund" name="refund requested" />
          <bpmn:signal id="Sig_Stop" name="stop" />
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
              <flow:variable name="orderId" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="Paid" />
            <bpmn:sequenceFlow id="F3" sourceRef="Paid" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F4" sourceRef="MarkAgain" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="refund" name="Refund" isExecutable="true">
            <bpmn:startEvent id="OnRefund"><bpmn:messageEventDefinition messageRef="Msg_Refund" /></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="Stopped"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="Done" />
            <bpmn:sequenceFlow id="R1" sourceRef="OnRefund" targetRef="Stopped" />
            <bpmn:sequenceFlow id="R2" sourceRef="Stopped" targetRef="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => TestDeployment.Compile("M", Bpmn));

    private static async Task<DeploymentFixture> DeployAsync()
    {
        var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));
        return fx;
    }

    [Fact]
    public async Task A_message_reaches_the_instance_waiting_with_its_key_and_its_payload_is_set()
    {
        using var fx = await DeployAsync();
        var a = await fx.Engine.StartAsync("order", """{"orderId": "A"}""");
        var b = await fx.Engine.StartAsync("order", """{"orderId": "B"}""");
        Assert.Equal(new[] { "Paid" }, b.WaitingAt);
        Assert.Equal(new EventSubscription(SubscriptionKind.Message, "payment received", "B", "Paid"), Assert.Single((await fx.Store.LoadAsync(b.Id))!.Subscriptions));

        var reached = Assert.Single(await fx.Engine.CorrelateAsync("payment received", "B", """{"amount": 40}"""));

        Assert.Equal(b.Id, reached.Id);
        Assert.Equal(InstanceStatus.Completed, reached.Status);
        Assert.Contains("\"amount\":40", reached.DataJson, StringComparison.Ordinal);
        Assert.Empty((await fx.Store.LoadAsync(b.Id))!.Subscriptions);
        Assert.Equal(InstanceStatus.Waiting, (await fx.Engine.GetAsync(a.Id))!.Status);
        Assert.Equal(new[] { "Paid" }, (await fx.Engine.GetAsync(a.Id))!.WaitingAt);
    }

    [Fact]
    public async Task A_message_several_instances_wait_for_is_refused_unless_broadcast()
    {
        using var fx = await DeployAsync();
        await fx.Engine.StartAsync("order", """{"orderId": "A"}""");
        await fx.Engine.StartAsync("order", """{"orderId": "B"}""");

        var refused = await Assert.ThrowsAsync<FlowCorrelationException>(() => fx.Engine.CorrelateAsync("payment received", null));
        Assert.Equal("FLOW6182", refused.Id);
        Assert.Equal(2, (await fx.Engine.QueryAsync(new InstanceQuery(Status: InstanceStatus.Waiting))).Count);

        var reached = await fx.Engine.CorrelateAsync("payment received", null, broadcast: true);
        Assert.Equal(2, reached.Count);
        Assert.All(reached, r => Assert.Equal(InstanceStatus.Completed, r.Status));
    }

    [Fact]
    public async Task A_message_nobody_waits_for_and_nothing_starts_with_is_reported()
    {
        using var fx = await DeployAsync();
        await fx.Engine.StartAsync("order", """{"orderId": "A"}""");

        var wrongKey = await Assert.ThrowsAsync<FlowCorrelationException>(() => fx.Engine.CorrelateAsync("payment received", "Z"));
        var unknown = await Assert.ThrowsAsync<FlowCorrelationException>(() => fx.Engine.CorrelateAsync("no such message", null));

        Assert.Equal("FLOW6181", wrongKey.Id);
        Assert.Contains("'payment received' with key 'Z'", wrongKey.Message, StringComparison.Ordinal);
        Assert.Equal("FLOW6181", unknown.Id);
    }

    [Fact]
    public async Task A_message_start_event_starts_an_instance_and_a_signal_reaches_every_listener()
    {
        using var fx = await DeployAsync();

        var first = Assert.Single(await fx.Engine.CorrelateAsync("refund requested", null));
        var second = Assert.Single(await fx.Engine.CorrelateAsync("refund requested", null));
        Assert.Equal("refund", first.ProcessKey);
        Assert.Equal(new[] { "Stopped" }, first.WaitingAt);

        var reached = await fx.Engine.SignalAsync("stop");

        Assert.Equal(new[] { first.Id, second.Id }.OrderBy(i => i, StringComparer.Ordinal), reached.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.All(reached, r => Assert.Equal(InstanceStatus.Completed, r.Status));
        Assert.Empty(await fx.Engine.SignalAsync("stop"));
    }

    [Fact]
    public async Task An_aborted_instance_no_longer_waits_for_its_message()
    {
        using var fx = await DeployAsync();
        var started = await fx.Engine.StartAsync("order", """{"orderId": "A"}""");

        Assert.True(await fx.Engine.AbortAsync(started.Id));

        var stored = (await fx.Store.LoadAsync(started.Id))!;
        Assert.Empty(stored.Subscriptions);
        Assert.Contains("\"Subscriptions\":[]", stored.StateJson, StringComparison.Ordinal);
        Assert.Equal("FLOW6181", (await Assert.ThrowsAsync<FlowCorrelationException>(() => fx.Engine.CorrelateAsync("payment received", "A"))).Id);
    }

    [Fact]
    public async Task A_signal_an_instance_throws_through_the_engine_reaches_the_instances_of_other_processes()
    {
        using var fx = await DeployAsync();
        var refund = Assert.Single(await fx.Engine.CorrelateAsync("refund requested", null));
        var order = await fx.Engine.StartAsync("order", """{"orderId": "A"}""");

        var paid = Assert.Single(await fx.Engine.CorrelateAsync("payment received", "A"));

        Assert.Equal(InstanceStatus.Completed, paid.Status);
        Assert.Equal(order.Id, paid.Id);
        var stopped = (await fx.Engine.GetAsync(refund.Id))!;
        Assert.Equal(InstanceStatus.Completed, stopped.Status);
        Assert.Equal(new[] { "OnRefund", "Stopped", "Done" }, stopped.Trace);
    }
}
