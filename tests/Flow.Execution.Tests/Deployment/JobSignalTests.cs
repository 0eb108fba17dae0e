using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// A signal an instance throws while a job runs it (a timer fires, an async continuation runs)
/// reaches the other instances waiting for it, as after any command: every path saves and
/// broadcasts in one place.
/// </summary>
public sealed class JobSignalTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// order: Start → Mark → viaJob? Later (asyncBefore; throws when fail) : Wait (timer, 1 hour) →
    /// MarkAgain → End (throws signal stop). refund: started by message "refund requested", waits for signal stop.
    /// </summary>
    internal const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
          <bpmn:message id="Msg_Refund" name="refund requested" />
          <bpmn:signal id="Sig_Stop" name="stop" />
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="viaJob" type="bool" />
              <flow:variable name="amount" type="int" />
              <flow:variable name="fail" type="bool" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:exclusiveGateway id="How" default="ByTimer" />
            <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:scriptTask id="Later" scriptFormat="csharp" camunda:asyncBefore="true"><bpmn:script>if (fail) { throw new System.InvalidOperationException("carrier down"); } amount++;</bpmn:script></bpmn:scriptTask>
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="How" />
            <bpmn:sequenceFlow id="ByTimer" sourceRef="How" targetRef="Wait" />
            <bpmn:sequenceFlow id="ByJob" sourceRef="How" targetRef="Later"><bpmn:conditionExpression>viaJob</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="Wait" targetRef="Merge" />
            <bpmn:sequenceFlow id="F4" sourceRef="Later" targetRef="Merge" />
            <bpmn:sequenceFlow id="F5" sourceRef="Merge" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F6" sourceRef="MarkAgain" targetRef="End" />
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

    internal static readonly Lazy<byte[]> Assembly = new(() => TestDeployment.Compile("S", Bpmn));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-job-signals-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryInstanceStore _store = new();

    public JobSignalTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(FlowEngine Engine, JobRunner Runner)> HostAsync()
    {
        var engine = new FlowEngine(new DeploymentRegistry(), _store) { Clock = _clock };
        await engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, Assembly.Value) }).WaitAsync(Timeout);
        return (engine, new JobRunner(_store, engine.JobHandlers, _clock, new JobRunnerOptions { Owner = "node-1" }));
    }

    [Fact]
    public async Task A_signal_thrown_when_a_timer_fires_reaches_another_waiting_instance()
    {
        var (engine, runner) = await HostAsync();
        var refund = Assert.Single(await engine.CorrelateAsync("refund requested", null).WaitAsync(Timeout));
        var order = await engine.StartAsync("order").WaitAsync(Timeout);
        Assert.Equal(InstanceStatus.Waiting, order.Status);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));

        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(order.Id))!.Status);
        var stopped = (await engine.GetAsync(refund.Id))!;
        Assert.Equal(InstanceStatus.Completed, stopped.Status);
        Assert.Equal(new[] { "OnRefund", "Stopped", "Done" }, stopped.Trace);
    }

    [Fact]
    public async Task A_signal_thrown_in_an_async_continuation_reaches_another_waiting_instance()
    {
        var (engine, runner) = await HostAsync();
        var refund = Assert.Single(await engine.CorrelateAsync("refund requested", null).WaitAsync(Timeout));
        var order = await engine.StartAsync("order", """{"viaJob": true}""").WaitAsync(Timeout);
        Assert.Equal(InstanceStatus.Waiting, order.Status);
        Assert.Equal(InstanceStatus.Waiting, (await engine.GetAsync(refund.Id))!.Status);

        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));

        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(order.Id))!.Status);
        var stopped = (await engine.GetAsync(refund.Id))!;
        Assert.Equal(InstanceStatus.Completed, stopped.Status);
        Assert.Equal(new[] { "OnRefund", "Stopped", "Done" }, stopped.Trace);
    }
}
